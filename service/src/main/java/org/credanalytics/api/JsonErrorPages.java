package org.credanalytics.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors that Jetty answers itself, before Jersey sees the request (a malformed or ambiguous URI,
 * a URI or headers too long, a method the server refuses), get the same JSON body as every other
 * error, {@code {"code": 400, "message": "..."}}, instead of an HTML page, whatever the client
 * accepts. One handler serves the server (errors while parsing a request), the other the servlet
 * context (errors after routing).
 */
public final class JsonErrorPages {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The one route with a path parameter: {@code /v1/institutions/{id}/...}. */
    private static final Pattern INSTITUTION_PATH = Pattern.compile("/v1/institutions/([^/]*)(/.*)?");

    private JsonErrorPages() {
    }

    public static ErrorHandler forServer() {
        return new ServerErrors();
    }

    public static ErrorHandler forServletContext() {
        return new ContextErrors();
    }

    static String body(int code, String message, Request request, Throwable cause) {
        try {
            return JSON.writeValueAsString(error(code, message, request.getHttpURI().getPath(), cause));
        } catch (JsonProcessingException e) {
            return "{\"code\":" + code + ",\"message\":\"error\",\"errors\":[]}";
        }
    }

    /**
     * A path that is not valid percent-encoded UTF-8 names the route parameter it holds, as a bad
     * id from the resource would. Jetty refuses such a request line before it has a request, and
     * hands this handler a placeholder path, so the route is known only when the path is.
     */
    static ApiError error(int code, String message, String path, Throwable cause) {
        if (code == 400 && (badEncoding(cause) || (path != null && !PathEncoding.isDecodable(path)))) {
            Matcher institution = path == null ? null : INSTITUTION_PATH.matcher(path);
            if (institution != null && institution.matches() && !PathEncoding.isDecodable(institution.group(1))) {
                String text = "institution id must be a positive integer, not '" + shorten(institution.group(1))
                        + "' (invalid percent-encoding)";
                return new ApiError(code, text, List.of(FieldError.ofField("id", text)));
            }
            String text = "the request path is not valid percent-encoded UTF-8: each % must be followed by two hex digits";
            return new ApiError(code, text, List.of(FieldError.ofField("path", text)));
        }
        String text = message == null || message.isBlank() ? HttpStatus.getMessage(code) : message;
        return new ApiError(code, text, List.of());
    }

    /** Jetty's refusal of a request line with a bad %-escape or bad UTF-8 in its path. */
    private static boolean badEncoding(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof NumberFormatException || t instanceof CharacterCodingException
                    || (t.getMessage() != null && t.getMessage().contains("UTF8"))) {
                return true;
            }
        }
        return false;
    }

    private static String shorten(String value) {
        return Texts.shorten(value, 40);
    }

    private static final class ServerErrors extends ErrorHandler {
        @Override
        public boolean errorPageForMethod(String method) {
            return true; // a body for every method, TRACE and PUT included
        }

        @Override
        protected boolean generateAcceptableResponse(Request request, Response response, Callback callback, String contentType,
                                                     List<Charset> charsets, int code, String message, Throwable cause)
                throws IOException {
            return super.generateAcceptableResponse(request, response, callback, "application/json",
                    List.of(StandardCharsets.UTF_8), code, message, cause);
        }

        @Override
        protected void writeErrorJson(Request request, PrintWriter writer, int code, String message, Throwable cause) {
            writer.write(body(code, message, request, cause));
        }
    }

    private static final class ContextErrors extends org.eclipse.jetty.ee10.servlet.ErrorHandler { // a name clash with the core ErrorHandler
        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        protected boolean generateAcceptableResponse(Request request, Response response, Callback callback, String contentType,
                                                     List<Charset> charsets, int code, String message, Throwable cause)
                throws IOException {
            return super.generateAcceptableResponse(request, response, callback, "application/json",
                    List.of(StandardCharsets.UTF_8), code, message, cause);
        }

        @Override
        protected void writeErrorJson(Request request, PrintWriter writer, int code, String message, Throwable cause) {
            writer.write(body(code, message, request, cause));
        }
    }
}
