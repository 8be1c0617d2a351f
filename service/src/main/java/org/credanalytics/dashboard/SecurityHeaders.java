package org.credanalytics.dashboard;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * Headers on every response: {@code X-Content-Type-Options: nosniff}, and a Content Security
 * Policy. The pages (the dashboard and the API docs) may load scripts, styles and data only from
 * this origin and be framed only by the configured {@code frame-ancestors}; everything else (the
 * API's JSON and CSV) may load nothing and be framed by nobody.
 */
public final class SecurityHeaders implements Filter {
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

    private final String pagePolicy;

    public SecurityHeaders(List<String> frameAncestors) {
        this.pagePolicy = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                + "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors "
                + String.join(" ", frameAncestors);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletResponse http = (HttpServletResponse) response;
        http.setHeader("X-Content-Type-Options", "nosniff");
        http.setHeader("Content-Security-Policy", isPage(((HttpServletRequest) request).getRequestURI()) ? pagePolicy : API_POLICY);
        http.setHeader("Referrer-Policy", "no-referrer");
        chain.doFilter(request, response);
    }

    private static boolean isPage(String path) {
        return path.startsWith("/dashboard/") || path.equals("/docs") || path.startsWith("/docs/");
    }
}
