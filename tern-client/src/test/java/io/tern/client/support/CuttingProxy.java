package io.tern.client.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of a broker that a test uses to fake a flaky network: it can cut every open
 * connection, refuse new ones for a while, or stop forwarding the server's bytes (so acknowledgements
 * are lost). Plain sockets and threads, all stopped by {@link #close()}.
 */
public final class CuttingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicBoolean refusing = new AtomicBoolean();
    private final AtomicBoolean swallowingServer = new AtomicBoolean();
    private final AtomicInteger accepted = new AtomicInteger();

    /** A proxy on a free loopback port forwarding to {@code 127.0.0.1:targetPort}. */
    public CuttingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The port clients connect to. */
    public int port() {
        return server.getLocalPort();
    }

    /** How many connections it accepted and forwarded. */
    public int connections() {
        return accepted.get();
    }

    /** Closes every open connection, as a network failure would. */
    public void cutAll() {
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        sockets.clear();
    }

    /** Whether new connections are closed at once (the server looks down). */
    public void refuse(boolean refuse) {
        refusing.set(refuse);
    }

    /** Whether the server's bytes are dropped instead of reaching the client. */
    public void swallowServerBytes(boolean swallow) {
        swallowingServer.set(swallow);
    }

    @Override
    public void close() {
        closeQuietly(server);
        cutAll();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (refusing.get()) {
                    closeQuietly(client);
                    continue;
                }
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(upstream);
                accepted.incrementAndGet();
                pipe(client, upstream, new AtomicBoolean());
                pipe(upstream, client, swallowingServer);
            } catch (IOException e) {
                // closed, or the target is down: the client sees a closed connection
            }
        }
    }

    private void pipe(Socket from, Socket to, AtomicBoolean swallow) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (!swallow.get()) {
                        out.write(buffer, 0, read);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "proxy-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }
}
