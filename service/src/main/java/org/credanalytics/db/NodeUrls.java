package org.credanalytics.db;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** JDBC URLs of the other nodes of a cluster: the configured URL with another host and port. */
public final class NodeUrls {
    private static final Pattern HOSTS = Pattern.compile("^(jdbc:postgresql://)[^/]*(/.*)$");

    private NodeUrls() {
    }

    /** {@code url} (its database and parameters) on {@code host:port}, in place of every host it named. */
    public static String onNode(String url, String host, int port) {
        Matcher matcher = HOSTS.matcher(url);
        if (!matcher.matches()) {
            // not echoed: a URL may carry a password
            throw new IllegalArgumentException("database.url must be jdbc:postgresql://HOST[:PORT]/DATABASE[?PARAMETERS]");
        }
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        return matcher.group(1) + hostPart + ":" + port + matcher.group(2);
    }
}
