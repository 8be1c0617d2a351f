package org.credanalytics.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
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

    private JsonErrorPages() {
    }

    public static ErrorHandler forServer() {
        return new ServerErrors();
    }

    public static ErrorHandler forServletContext() {
        return new ContextErrors();
    }

    static String body(int code, String message) {
        String text = message == null || message.isBlank() ? HttpStatus.getMessage(code) : message;
        try {
            return JSON.writeValueAsString(new ApiError(code, text, List.of()));
        } catch (JsonProcessingException e) {
            return "{\"code\":" + code + ",\"message\":\"error\"}";
        }
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
            writer.write(body(code, message));
        }
    }

    private static final class ContextErrors extends org.eclipse.jetty.ee10.servlet.ErrorHandler {
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
            writer.write(body(code, message));
        }
    }
}
