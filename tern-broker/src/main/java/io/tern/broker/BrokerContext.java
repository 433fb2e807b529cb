package io.tern.broker;

import io.tern.broker.auth.AuthenticationMethod;
import io.tern.broker.auth.Authenticator;
import io.tern.broker.auth.Authorizer;
import io.tern.broker.auth.ClientInfo;
import io.tern.broker.retained.RetainedStore;
import io.tern.broker.routing.Message;
import io.tern.broker.routing.Router;
import io.tern.broker.session.SessionRegistry;
import io.tern.broker.storage.DurabilityGate;
import io.tern.broker.sys.BrokerMetrics;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * What every connection of a broker shares.
 *
 * @param config        limits and choices
 * @param sessions      the sessions by client identifier
 * @param router        routes published messages to subscribers
 * @param retained      the retained messages
 * @param authenticator decides who may connect with a user name and password
 * @param authenticationMethods the methods of MQTT 5 enhanced authentication by name
 * @param authorizer    decides who may publish and subscribe where
 * @param metrics       counters of connections and traffic
 * @param durability    holds acknowledgements back until what they acknowledge is stored
 */
public record BrokerContext(BrokerConfig config, SessionRegistry sessions, Router router, RetainedStore retained,
                           Authenticator authenticator, Map<String, AuthenticationMethod> authenticationMethods,
                           Authorizer authorizer, BrokerMetrics metrics,
                           DurabilityGate durability) {
    /**
     * Publishes {@code will} as the will of {@code client} if the client may publish to its topic.
     * Releases the caller's reference.
     */
    public void publishWill(ClientInfo client, Message will) {
        if (!authorizer.canPublish(client, will.topic())) {
            LoggerFactory.getLogger(BrokerContext.class).info("Client {} is not authorized to publish its will to {}",
                    client.clientId(), will.topic());
            will.release();
            return;
        }
        publish(will);
    }

    /**
     * Publishes a message on the broker: kept as the topic's retained message if it has RETAIN
     * (an empty payload clears it), and routed to the subscribers. Releases the caller's reference.
     *
     * @return the number of deliveries: sessions, and shared subscription groups
     */
    public int publish(Message message) {
        try {
            if (message.retained()) {
                retained.retain(message);
            }
            return router.route(message);
        } finally {
            message.release();
        }
    }
}
