package org.credanalytics.auth;

import io.dropwizard.auth.UnauthorizedHandler;
import java.util.List;
import org.credanalytics.api.ApiException;

/** Answers a missing, malformed, unknown or revoked key with the JSON 401 (and its Bearer challenge). */
final class UnauthorizedJsonHandler implements UnauthorizedHandler {
    static final String REALM = "credential-analytics";

    @Override
    public RuntimeException buildException(String prefix, String realm) {
        return new ApiException(401, "a valid API key is required: send Authorization: Bearer <key>", List.of(), null);
    }
}
