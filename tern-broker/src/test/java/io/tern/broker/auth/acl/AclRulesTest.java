package io.tern.broker.auth.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tern.broker.auth.ClientInfo;
import io.tern.broker.auth.SecurityFileException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** ACL files in mosquitto's syntax, and what they allow. */
class AclRulesTest {
    private static final String ACL = """
            # anonymous clients
            topic read public/#

            user alice
            topic readwrite alice/#
            topic deny alice/secret/#
            topic read $SYS/broker/clients/#
            topic write   with space/x y

            user bob
            topic bob/#

            pattern readwrite devices/%c/#
            pattern read users/%u/inbox
            pattern write dev-%c-%u/out
            """;

    private final AclAuthorizer acl = authorizer(ACL);
    private final ClientInfo anonymous = client("anon-1", null);
    private final ClientInfo alice = client("alice-1", "alice");
    private final ClientInfo bob = client("bob-1", "bob");
    private final ClientInfo carol = client("carol-1", "carol");

    @Test
    @DisplayName("topic lines before any user line are the anonymous clients'; a user's apply to that user only")
    void usersAndAnonymous() {
        assertThat(acl.canReceive(anonymous, "public/news")).isTrue();
        assertThat(acl.canPublish(anonymous, "public/news")).isFalse();
        assertThat(acl.canReceive(alice, "public/news")).isFalse();
        assertThat(acl.canPublish(alice, "alice/a")).isTrue();
        assertThat(acl.canPublish(bob, "alice/a")).isFalse();
        assertThat(acl.canPublish(bob, "bob/x/y")).as("no access word: readwrite").isTrue();
        assertThat(acl.canReceive(bob, "bob/x")).isTrue();
        assertThat(acl.canPublish(carol, "anything")).as("deny by default").isFalse();
        assertThat(acl.canPublish(alice, "with space/x y")).as("the rest of the line is the filter").isTrue();
    }

    @Test
    @DisplayName("deny wins over a grant, for publish, receive and subscribe")
    void denyWins() {
        assertThat(acl.canPublish(alice, "alice/secret/plans")).isFalse();
        assertThat(acl.canReceive(alice, "alice/secret/plans")).isFalse();
        assertThat(acl.canReceive(alice, "alice/public")).isTrue();
        assertThat(acl.canSubscribe(alice, "alice/secret/#")).isFalse();
        assertThat(acl.canSubscribe(alice, "alice/secret/+/x")).isFalse();
        assertThat(acl.canSubscribe(alice, "alice/#")).as("allowed, filtered at delivery").isTrue();
    }

    @Test
    @DisplayName("[MQTT-4.7.2-1] $SYS is granted only by rules that name it: # and + rules do not match it")
    void sysOnlyWhereNamed() {
        AclAuthorizer everything = authorizer("topic readwrite #\ntopic read +/x");

        assertThat(everything.canReceive(anonymous, "$SYS/broker/uptime")).isFalse();
        assertThat(everything.canReceive(anonymous, "$SYS/x")).isFalse();
        assertThat(everything.canSubscribe(anonymous, "$SYS/#")).isFalse();
        assertThat(acl.canReceive(alice, "$SYS/broker/clients/connected")).isTrue();
        assertThat(acl.canReceive(alice, "$SYS/broker/uptime")).isFalse();
        assertThat(acl.canSubscribe(alice, "$SYS/#")).isTrue();
    }

    @Test
    @DisplayName("patterns apply to every client with %u and %c in place, not to anonymous ones for %u")
    void patterns() {
        assertThat(acl.canPublish(bob, "devices/bob-1/temp")).isTrue();
        assertThat(acl.canPublish(bob, "devices/alice-1/temp")).isFalse();
        assertThat(acl.canReceive(carol, "users/carol/inbox")).isTrue();
        assertThat(acl.canReceive(carol, "users/bob/inbox")).isFalse();
        assertThat(acl.canReceive(anonymous, "users/null/inbox")).isFalse();
        assertThat(acl.canPublish(anonymous, "devices/anon-1/x")).isTrue();
        assertThat(acl.canPublish(carol, "dev-carol-1-carol/out")).isTrue();
        assertThat(acl.canPublish(carol, "dev-carol-1-bob/out")).isFalse();
        assertThat(acl.canSubscribe(carol, "users/carol/inbox")).isTrue();
        assertThat(acl.canSubscribe(carol, "users/+/inbox")).as("can read some of it").isTrue();
        assertThat(acl.canSubscribe(carol, "users/bob/inbox")).isFalse();
    }

    @Test
    @DisplayName("a client identifier or user name with / + or # matches no pattern (it would widen the rule)")
    void wildcardIdentitiesMatchNoPattern() {
        assertThat(acl.canPublish(client("a/b", "u"), "devices/a/b/x")).isFalse();
        assertThat(acl.canPublish(client("+", "u"), "devices/x/y")).isFalse();
        assertThat(acl.canReceive(client("c", "#"), "users/#/inbox")).isFalse();
    }

    @Test
    @DisplayName("a shared subscription is judged by its topic filter")
    void sharedSubscriptions() {
        assertThat(acl.canSubscribe(bob, "$share/g/bob/#")).isTrue();
        assertThat(acl.canSubscribe(bob, "$share/g/alice/#")).isFalse();
    }

    @Test
    @DisplayName("a line that is not a rule is refused with its line number and why")
    void badLinesRefused() {
        assertThatThrownBy(() -> AclRules.parse("acl", "user a\ntopik read x"))
                .isInstanceOf(SecurityFileException.class)
                .hasMessage("acl:2: unknown keyword 'topik' (known: user, topic, pattern)");
        assertThatThrownBy(() -> AclRules.parse("acl", "topic read a/#/b"))
                .isInstanceOf(SecurityFileException.class).hasMessage("acl:1: 'a/#/b' is not a valid topic filter");
        assertThatThrownBy(() -> AclRules.parse("acl", "\n\nuser"))
                .isInstanceOf(SecurityFileException.class).hasMessage("acl:3: user needs a user name");
        assertThatThrownBy(() -> AclRules.parse("acl", "topic deny"))
                .isInstanceOf(SecurityFileException.class).hasMessage("acl:1: deny of which topic filter?");
    }

    private static AclAuthorizer authorizer(String text) {
        try {
            AclRules rules = AclRules.parse("acl", text);
            return new AclAuthorizer(() -> rules);
        } catch (SecurityFileException e) {
            throw new AssertionError(e);
        }
    }

    private static ClientInfo client(String clientId, String username) {
        return new ClientInfo(clientId, username, null);
    }
}
