package io.tern.broker;

import io.tern.broker.auth.Authenticator;
import io.tern.broker.auth.Authorizer;
import io.tern.broker.retained.RetainedStore;
import io.tern.broker.routing.Router;
import io.tern.broker.session.SessionRegistry;
import io.tern.broker.sys.BrokerMetrics;

/**
 * What every connection of a broker shares.
 *
 * @param config        limits and choices
 * @param sessions      the sessions by client identifier
 * @param router        routes published messages to subscribers
 * @param retained      the retained messages
 * @param authenticator decides who may connect
 * @param authorizer    decides who may publish and subscribe where
 * @param metrics       counters of connections and traffic
 */
public record BrokerContext(BrokerConfig config, SessionRegistry sessions, Router router, RetainedStore retained,
                           Authenticator authenticator, Authorizer authorizer, BrokerMetrics metrics) {
}
