package io.tern.cli.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.TernBroker;
import io.tern.broker.transport.Listener;
import io.tern.broker.transport.TlsOptions;
import io.tern.cli.support.TernRun;
import io.tern.cli.support.TestCertificates;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code tern pub} and {@code tern sub} with mosquitto's TLS options and mqtts://, ws:// and wss:// URLs,
 * against a Tern broker with a listener of each kind.
 */
class PubSubTlsTest {
    @TempDir
    static Path certs;
    private static TernBroker broker;
    private static String tls;
    private static String mutualTls;
    private static String webSocket;
    private static String secureWebSocket;
    private static String otherAddressTls;

    @BeforeAll
    static void startBroker() throws Exception {
        TestCertificates.make(certs);
        TlsOptions options = TlsOptions.of(certs.resolve("server.pem"), certs.resolve("server.key"));
        broker = TernBroker.builder().threads(1)
                .listen(Listener.tcp("127.0.0.1", 0).withTls(options))
                .listen(Listener.tcp("127.0.0.1", 0).withTls(options.withRequiredClientCertificate(certs.resolve("ca.pem"))))
                .listen(Listener.tcp("127.0.0.1", 0).withWebSocket("/mqtt"))
                .listen(Listener.tcp("127.0.0.1", 0).withWebSocket("/secure").withTls(options))
                // an address the server's certificate does not name (Linux routes all of 127/8 to loopback)
                .listen(Listener.tcp("127.0.0.2", 0).withTls(options))
                .build();
        List<String> ports = broker.start().stream().map(InetSocketAddress::getPort).map(String::valueOf).toList();
        tls = ports.get(0);
        mutualTls = ports.get(1);
        webSocket = ports.get(2);
        secureWebSocket = ports.get(3);
        otherAddressTls = ports.get(4);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private static String file(String name) {
        return certs.resolve(name).toString();
    }

    /** Connection options of each transport, with the topic t/x: the URL's or -t's. */
    static Stream<List<String>> transports() {
        return Stream.of(
                List.of("-h", "localhost", "-p", tls, "--cafile", file("ca.pem"), "-t", "t/x"),
                List.of("-L", "mqtts://localhost:" + tls + "/t/x", "--cafile", file("ca.pem")),
                List.of("-h", "localhost", "-p", tls, "--capath", certs.toString(), "-t", "t/x"),
                List.of("-p", mutualTls, "--cafile", file("ca.pem"), "--cert", file("client.pem"), "--key",
                        file("client.key"), "-t", "t/x"),
                List.of("-L", "ws://127.0.0.1:" + webSocket, "-t", "t/x"),
                List.of("-L", "wss://localhost:" + secureWebSocket + "/secure", "--cafile", file("ca.pem"), "-t", "t/x"),
                List.of("-h", "127.0.0.2", "-p", otherAddressTls, "--cafile", file("ca.pem"), "--insecure", "-t", "t/x"));
    }

    private static String[] command(String command, List<String> connection, String... more) {
        return Stream.concat(Stream.concat(Stream.of(command), connection.stream()), Stream.of(more))
                .toArray(String[]::new);
    }

    @ParameterizedTest
    @MethodSource("transports")
    @DisplayName("tern sub gets what tern pub publishes over TLS (--cafile, --capath, mqtts://), mutual TLS, ws://, "
            + "wss:// and --insecure")
    void subGetsWhatPubPublishes(List<String> connection) {
        TernRun sub = TernRun.start(command("sub", connection, "-d", "-C", "1", "-q", "1")).awaitSubscribed();

        TernRun pub = TernRun.run(command("pub", connection, "-m", "secure hello", "-q", "1"));

        assertThat(pub.exitCode()).as(pub.err()).isZero();
        assertThat(sub.exitCode()).as(sub.err()).isZero();
        assertThat(sub.messages()).containsExactly("secure hello");
    }

    @Test
    @DisplayName("a broker whose CA is not trusted: exit code 1 and 'not trusted (trust its CA: --cafile)'")
    void untrustedBroker() {
        TernRun pub = TernRun.run("pub", "-h", "localhost", "-p", tls, "--tls-use-os-certs", "-t", "t", "-m", "m");

        assertThat(pub.exitCode()).isEqualTo(1);
        assertThat(pub.err()).isEqualTo("tern pub: TLS handshake with localhost:" + tls
                + " failed: the server's certificate is not trusted (trust its CA: --cafile)\n");
    }

    @Test
    @DisplayName("a certificate that does not name the host fails without --insecure, naming the host")
    void hostnameMismatch() {
        TernRun pub = TernRun.run("pub", "-h", "127.0.0.2", "-p", otherAddressTls, "--cafile", file("ca.pem"),
                "-t", "t", "-m", "m");

        assertThat(pub.exitCode()).isEqualTo(1);
        assertThat(pub.err()).startsWith("tern pub: TLS handshake with 127.0.0.2:" + otherAddressTls
                + " failed: the server's certificate is not for this host").contains("--insecure");
    }

    @Test
    @DisplayName("mutual TLS without --cert: exit code 1 and the failure names the client certificate")
    void mutualTlsWithoutCertificate() {
        TernRun pub = TernRun.run("pub", "-p", mutualTls, "--cafile", file("ca.pem"), "-t", "t", "-m", "m");

        assertThat(pub.exitCode()).isEqualTo(1);
        assertThat(pub.err()).isEqualTo("tern pub: TLS handshake with localhost:" + mutualTls
                + " failed: the server requires a client certificate (--cert and --key)\n");
    }

    @Test
    @DisplayName("-L ws:// at a path the broker does not serve: '404 Not Found (wrong path?)'")
    void wrongWebSocketPath() {
        TernRun pub = TernRun.run("pub", "-L", "ws://127.0.0.1:" + webSocket + "/wrong", "-t", "t", "-m", "m");

        assertThat(pub.exitCode()).isEqualTo(1);
        assertThat(pub.err()).isEqualTo("tern pub: WebSocket upgrade at ws://127.0.0.1:" + webSocket
                + "/wrong refused: 404 Not Found (wrong path?)\n");
    }

    @Test
    @DisplayName("TLS options that do not fit are refused with the option and the reason")
    void badTlsOptions() {
        assertUsage("--cert needs --key", "pub", "-p", tls, "--cafile", file("ca.pem"), "--cert", file("client.pem"),
                "-t", "t", "-m", "m");
        assertUsage("--insecure needs TLS", "pub", "-p", "1883", "--insecure", "-t", "t", "-m", "m");
        assertUsage("--tls-version tlsv1.1 is too old", "pub", "--cafile", file("ca.pem"), "--tls-version", "tlsv1.1",
                "-t", "t", "-m", "m");
        assertUsage("no-such-ca.pem: no such file", "sub", "--cafile", file("no-such-ca.pem"), "-t", "t");
    }

    @Test
    @DisplayName("--help lists the TLS options")
    void helpListsTlsOptions() {
        TernRun help = TernRun.run("sub", "--help");

        assertThat(help.out()).contains("--cafile=FILE", "--capath=DIR", "--cert=FILE", "--key=FILE", "--insecure",
                "--tls-version=VERSION", "--tls-use-os-certs", "wss://");
    }

    private static void assertUsage(String message, String... args) {
        TernRun run = TernRun.run(args);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains(message).contains("--help");
    }
}
