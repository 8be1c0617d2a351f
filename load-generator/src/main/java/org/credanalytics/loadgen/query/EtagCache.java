package org.credanalytics.loadgen.query;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last {@code ETag} the service gave for each request path and query, as a dashboard that
 * refreshes keeps it, so that the next request for the same path can send it in
 * {@code If-None-Match}. Keyed by the whole path and query: a tag stands for one answer, and the
 * answer depends on every parameter. Workers read and write it without locking; two requests for
 * one path in flight at once both send the tag known when they left.
 */
final class EtagCache {
    private final Map<String, String> tags = new ConcurrentHashMap<>();

    /** The tag to send in {@code If-None-Match} for this path, if an answer for it had one. */
    Optional<String> tagFor(String pathAndQuery) {
        return Optional.ofNullable(tags.get(pathAndQuery));
    }

    /**
     * Keeps the tag of a 200 or 304 answer; a 200 without one drops what was kept (that answer
     * can't be revalidated). Errors change nothing: the answer the kept tag stands for is still
     * the one the client shows.
     */
    void remember(String pathAndQuery, int status, Optional<String> etag) {
        if (status == 200 || status == 304) {
            etag.ifPresentOrElse(tag -> tags.put(pathAndQuery, tag), () -> {
                if (status == 200) {
                    tags.remove(pathAndQuery);
                }
            });
        }
    }

    /** How many paths have a tag. */
    int size() {
        return tags.size();
    }
}
