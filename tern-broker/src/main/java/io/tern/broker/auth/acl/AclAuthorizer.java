package io.tern.broker.auth.acl;

import io.tern.broker.auth.Authorizer;
import io.tern.broker.auth.ClientInfo;
import io.tern.codec.topic.SharedSubscription;
import java.util.List;
import java.util.function.Supplier;

/**
 * Authorizes by an ACL file ({@link AclRules}), denying what no rule grants:
 * <ul>
 *   <li>publish: a rule granting write matches the topic, and no deny rule does;</li>
 *   <li>receive, checked for each message delivered: a rule granting read matches the topic, and no
 *       deny rule does, so that a subscription to {@code #} brings only what the client may read;</li>
 *   <li>subscribe: a rule granting read can match some topic the filter matches, and no deny rule
 *       matches every topic it matches; a shared subscription is judged by its topic filter.</li>
 * </ul>
 * Checking a topic allocates nothing; the rules in force are read at each check, so that a reload
 * applies at once to connected clients.
 */
public final class AclAuthorizer implements Authorizer {
    private final Supplier<AclRules> rules;

    /** Over the ACL in force. */
    public AclAuthorizer(Supplier<AclRules> rules) {
        this.rules = rules;
    }

    @Override
    public boolean canPublish(ClientInfo client, String topic) {
        return allowed(client, topic, false);
    }

    @Override
    public boolean canReceive(ClientInfo client, String topic) {
        return allowed(client, topic, true);
    }

    @Override
    public boolean canSubscribe(ClientInfo client, String topicFilter) {
        String filter = SharedSubscription.isShared(topicFilter)
                ? SharedSubscription.parse(topicFilter).topicFilter() : topicFilter;
        AclRules current = rules.get();
        boolean readable = false;
        for (List<AclRule> list : List.of(current.rulesOf(client.username()), current.patterns())) {
            for (AclRule rule : list) {
                String ruleFilter = rule.filter().forClient(client.username(), client.clientId());
                if (ruleFilter == null) {
                    continue;
                }
                if (rule.access() == AclAccess.DENY && FilterRelations.covers(ruleFilter, filter)) {
                    return false;
                }
                readable |= rule.access().reads() && FilterRelations.intersect(ruleFilter, filter);
            }
        }
        return readable;
    }

    private boolean allowed(ClientInfo client, String topic, boolean read) {
        AclRules current = rules.get();
        String username = client.username();
        String clientId = client.clientId();
        List<AclRule> own = current.rulesOf(username);
        List<AclRule> patterns = current.patterns();
        if (denied(own, topic, username, clientId) || denied(patterns, topic, username, clientId)) {
            return false;
        }
        return granted(own, topic, username, clientId, read) || granted(patterns, topic, username, clientId, read);
    }

    private static boolean denied(List<AclRule> rules, String topic, String username, String clientId) {
        for (int i = 0, n = rules.size(); i < n; i++) {
            AclRule rule = rules.get(i);
            if (rule.access() == AclAccess.DENY && rule.filter().matches(topic, username, clientId)) {
                return true;
            }
        }
        return false;
    }

    private static boolean granted(List<AclRule> rules, String topic, String username, String clientId, boolean read) {
        for (int i = 0, n = rules.size(); i < n; i++) {
            AclRule rule = rules.get(i);
            if ((read ? rule.access().reads() : rule.access().writes())
                    && rule.filter().matches(topic, username, clientId)) {
                return true;
            }
        }
        return false;
    }
}
