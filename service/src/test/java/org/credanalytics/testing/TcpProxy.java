package org.credanalytics.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy in front of the test database, so a test can make the database stall
 * ({@link #pause}) or vanish ({@link #cutOff}) for the service under test, on any backend,
 * Citus included, without touching the shared server.
 */
public final class TcpProxy implements AutoCloseable {
    private final String upstreamHost;
    private final int upstreamPort;
    private final ServerSocket listener;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Object gate = new Object();
    private volatile boolean paused;
    private volatile boolean refusing;
    private volatile boolean closed;

    public TcpProxy(String upstreamHost, int upstreamPort) throws IOException {
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "tcp-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy in front of the database of a {@code jdbc:postgresql://host:port/db?...} URL. */
    public static TcpProxy forJdbcUrl(String jdbcUrl) throws IOException {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        return new TcpProxy(uri.getHost(), uri.getPort() == -1 ? 5432 : uri.getPort());
    }

    /** A proxy in front of the suite's database ({@link TestDatabase}), for static test fields. */
    public static TcpProxy forTestDatabase() {
        try {
            return forJdbcUrl(TestDatabase.get().url());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same JDBC URL, pointed at this proxy. */
    public String proxiedJdbcUrl(String jdbcUrl) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String authority = uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        return jdbcUrl.replaceFirst(java.util.regex.Pattern.quote(authority), "127.0.0.1:" + listener.getLocalPort());
    }

    /** Stops moving bytes: open connections hang, as with a stalled server. */
    public void pause() {
        paused = true;
    }

    public void resume() {
        synchronized (gate) {
            paused = false;
            gate.notifyAll();
        }
    }

    /** Drops every connection and refuses new ones, as with a server that went down. */
    public void cutOff() {
        refusing = true;
        sockets.forEach(TcpProxy::closeQuietly);
        resume();
    }

    public void restore() {
        refusing = false;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                if (refusing) {
                    closeQuietly(client);
                    continue;
                }
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(upstreamHost, upstreamPort), 5_000);
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    awaitGate();
                    if (refusing) {
                        break;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the connection ended; close both sides below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }, "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private void awaitGate() throws InterruptedException {
        synchronized (gate) {
            while (paused) {
                gate.wait();
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(new Socket());
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        cutOff();
    }
}
