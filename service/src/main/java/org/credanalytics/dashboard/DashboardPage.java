package org.credanalytics.dashboard;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.credanalytics.api.ApiException;
import org.webjars.WebJarVersionLocator;

/**
 * The institution's dashboard page: a shell with no data and no secrets. Its script reads the
 * embed token from the URL fragment, which browsers never send to servers or in referrers, and
 * calls the {@code /v1/institutions/{id}} endpoints with it.
 */
@Path("/dashboard/{id}")
public final class DashboardPage {
    static final String TEMPLATE = "/dashboard/index.html";

    private final String template;

    public DashboardPage(DashboardConfiguration config) {
        String echarts = "/webjars/echarts/" + new WebJarVersionLocator().version("echarts") + "/dist/echarts.min.js";
        this.template = read(TEMPLATE)
                .replace("{{echarts_path}}", echarts)
                .replace("{{refresh_seconds}}", Long.toString(Math.max(1, config.getRefreshInterval().toSeconds())));
    }

    @GET
    @Produces(MediaType.TEXT_HTML + ";charset=utf-8")
    public Response page(@PathParam("id") String id) {
        if (!id.matches("[1-9][0-9]{0,17}")) {
            throw new ApiException(404, "no dashboard here: the institution id must be a positive integer", List.of(), null);
        }
        CacheControl noCache = new CacheControl();
        noCache.setNoCache(true);
        return Response.ok(template.replace("{{institution_id}}", id)).cacheControl(noCache).build();
    }

    private static String read(String resource) {
        try (InputStream in = DashboardPage.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
