package io.tern.broker.transport;

import io.netty.channel.EventLoop;
import io.tern.broker.auth.AuthenticationExchange;
import io.tern.broker.auth.AuthenticationMethod;
import io.tern.broker.auth.AuthenticationStep;
import io.tern.broker.auth.ClientInfo;
import io.tern.codec.MqttProperties;
import io.tern.codec.PropertyId;
import io.tern.codec.ReasonCode;
import io.tern.codec.packet.Auth;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT 5 enhanced authentication of one connection: the method the client chose in CONNECT and
 * the exchange in progress, at CONNECT or in a re-authentication. Each step's answer comes back on
 * the connection's event loop; a step is answered only after the previous one.
 */
final class EnhancedAuthentication {
    private static final Logger LOG = LoggerFactory.getLogger(EnhancedAuthentication.class);

    private final AuthenticationMethod method;
    private final ClientInfo client;
    private final EventLoop loop;
    private AuthenticationExchange exchange;
    private boolean awaitingClient;

    EnhancedAuthentication(AuthenticationMethod method, ClientInfo client, EventLoop loop) {
        this.method = method;
        this.client = client;
        this.loop = loop;
    }

    /** The name of the method, which every AUTH and the CONNACK carry [MQTT-4.12.0-5]. */
    String methodName() {
        return method.name();
    }

    /** Whether an exchange is in progress. */
    boolean inProgress() {
        return exchange != null;
    }

    /** Begins an exchange with the client's first data, from CONNECT or AUTH 0x19 (re-authenticate). */
    void begin(byte[] clientData, Consumer<AuthenticationStep> then) {
        exchange = method.begin(client);
        respond(clientData, then);
    }

    /**
     * The client answered a challenge with AUTH 0x18.
     *
     * @return false if no challenge awaited an answer (a protocol error)
     */
    boolean answer(byte[] clientData, Consumer<AuthenticationStep> then) {
        if (!awaitingClient) {
            return false;
        }
        respond(clientData, then);
        return true;
    }

    /** An AUTH packet of the exchange with this method. */
    Auth auth(ReasonCode reasonCode, byte[] data) {
        MqttProperties.Builder properties = MqttProperties.builder();
        addTo(properties, data);
        return new Auth(reasonCode, properties.build());
    }

    /** Adds the Authentication Method and, if any, Authentication Data properties. */
    void addTo(MqttProperties.Builder properties, byte[] data) {
        properties.set(PropertyId.AUTHENTICATION_METHOD, method.name());
        if (data != null) {
            properties.set(PropertyId.AUTHENTICATION_DATA, data);
        }
    }

    private void respond(byte[] clientData, Consumer<AuthenticationStep> then) {
        awaitingClient = false;
        AuthenticationExchange current = exchange;
        current.respond(clientData).whenComplete((step, error) -> loop.execute(() -> {
            if (exchange != current) {
                return;
            }
            AuthenticationStep answer = step;
            if (error != null || step == null) {
                LOG.warn("Authentication method {} failed for client {}", method.name(), client.clientId(), error);
                answer = AuthenticationStep.failure(ReasonCode.UNSPECIFIED_ERROR);
            }
            if (answer.outcome() == AuthenticationStep.Outcome.CONTINUE) {
                awaitingClient = true;
            } else {
                exchange = null;
            }
            then.accept(answer);
        }));
    }
}
