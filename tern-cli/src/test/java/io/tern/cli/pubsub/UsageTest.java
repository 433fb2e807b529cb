package io.tern.cli.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.cli.support.TernRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad options of {@code tern pub} and {@code tern sub}: exit code 1, as mosquitto's clients, and one line
 * naming the option and what is wrong, before any connection is tried (port 1 has no broker).
 */
class UsageTest {
    @ParameterizedTest(name = "tern {0} --help")
    @ValueSource(strings = {"pub", "sub"})
    void helpListsTheOptionsAndExitCodes(String command) {
        TernRun help = TernRun.run(command, "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("-h, --host=HOST", "-D, --property=COMMAND PROPERTY VALUE", "-q, --qos=QOS",
                "Exit codes, as mosquitto_" + command + "'s");
        if (command.equals("sub")) {
            // formatted, not the raw text picocli falls back to when a % is not escaped
            assertThat(help.out()).contains("%% a %.", "-F '%I %t %p'").doesNotContain("%%%%");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "pub -p 1 -t a/#  -m x                       | -t 'a/#' is not a topic to publish to",
        "pub -p 1 -m x                               | give a topic to publish to: -t TOPIC",
        "pub -p 1 -t t                               | give the message: -m TEXT, -f FILE, -s, -l or -n",
        "pub -p 1 -t t -m a -n                       | give only one of -m, -f, -s, -l and -n",
        "pub -p 1 -t t -m x -q 3                     | -q must be 0, 1 or 2, not 3",
        "pub -p 1 -t t -m x -c                       | -c needs a client id (-i or -I)",
        "pub -p 1 -t t -m x -i a -I b                | -i and -I cannot be used together",
        "pub -p 1 -t t -m x -V mqttv4                | -V must be mqttv5, mqttv311 or mqttv31",
        "pub -p 1 -t t -m x -V 311 -D publish content-type a | -D needs MQTT 5 (-V mqttv5)",
        "pub -p 1 -t t -m x -V 311 -x 10             | -x needs MQTT 5",
        "pub -p 1 -t t -m x -x soon                  | -x must be seconds from 0 to 4294967295, or -1 or ∞",
        "pub -p 1 -t t -m x -D publish bogus 1       | -D publish bogus: unknown property 'bogus'",
        "pub -p 1 -t t -m x -D connect content-type a | -D connect content-type: connect cannot carry content-type",
        "pub -p 1 -t t -m x -D publish message-expiry-interval -5 | message-expiry-interval must be a whole number",
        "pub -p 1 -t t -m x -D publish user-property a | -D publish user-property needs a NAME and a VALUE",
        "pub -p 1 -t t -m x -D subscribe user-property a b | -D subscribe: tern pub sends no SUBSCRIBE",
        "pub -p 1 -t t -m x -D connect authentication-method m | -D connect authentication-method: tern-client cannot send",
        "pub -p 1 -t t -m x -D disconnect server-reference s | -D disconnect server-reference: tern-client cannot send",
        "pub -p 1 -t t -m x -P secret                | -P needs -u",
        "pub -p 1 -t t -m x --will-payload w         | --will-payload, --will-qos and --will-retain need --will-topic",
        "pub -p 1 -t t -m x --will-topic w --will-qos 5 | --will-qos must be 0, 1 or 2, not 5",
        "pub -p 1 -t t -l --repeat 2                 | --repeat repeats one message",
        "pub -p 1 -t t -f /no/such/file              | -f /no/such/file: no such file, or not readable",
        "pub -p 99999 -t t -m x                      | -p must be between 1 and 65535, not 99999",
        "pub -L http://h/t -m x                      | -L 'http://h/t': the scheme must be mqtt://",
        "pub --cert c.pem -t t -m x                  | --cert needs --key",
        "pub -L mqtt://h:1/t -t u -m x               | -L names the topic: leave out -t",
        "pub -L mqtt://h:1/t -p 2 -m x               | -L names the host and port: leave out -h and -p",
        "sub -p 1                                    | give a topic to subscribe to: -t FILTER",
        "sub -p 1 -t a/#/b                           | -t 'a/#/b' is not a valid topic filter",
        "sub -p 1 -t a -T b+                         | -T 'b+' is not a valid topic filter",
        "sub -p 1 -t a -F %e                         | -F: invalid format specifier '%e'",
        "sub -p 1 -t a -F x\\                        | -F: incomplete escape at the end of the format",
        "sub -p 1 -t a -R --retained-only            | -R (no retained messages) and --retained-only",
        "sub -p 1 -t a -C -1                         | -C must be a positive number of messages",
        "sub -p 1 -t a --retain-as-published         | --retain-as-published needs MQTT 5",
        "sub -p 1 -t a -D publish content-type x     | -D publish: tern sub sends no PUBLISH",
        "sub -p 1 -t a --bogus                       | Unknown option: '--bogus'",
    })
    void refusesWithTheOptionAndWhy(String commandLine, String message) {
        TernRun run = TernRun.run(commandLine.trim().split(" +"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(message)
                .contains("Run 'tern " + commandLine.trim().substring(0, 3) + " --help' for usage.");
    }
}
