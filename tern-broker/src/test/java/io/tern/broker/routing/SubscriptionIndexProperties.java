package io.tern.broker.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.broker.session.Session;
import io.tern.broker.support.TestSessions;
import io.tern.codec.QoS;
import io.tern.codec.packet.Subscription;
import io.tern.broker.support.TopicArbitraries;
import io.tern.codec.topic.Topics;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/**
 * The topic tree finds exactly the subscriptions whose filter matches a topic, as the reference
 * {@link Topics#matches} decides, through subscribes and unsubscribes; shared subscriptions as their
 * groups, matched by the filter after {@code $share/{ShareName}/}.
 */
class SubscriptionIndexProperties {

    @Property(tries = 300)
    void matchFindsExactlyTheMatchingFilters(@ForAll @Size(min = 1, max = 12) List<@From(supplier = TopicArbitraries.Filters.class) String> filters,
                                             @ForAll @Size(min = 1, max = 12) List<@From(supplier = TopicArbitraries.Names.class) String> topics) {
        SubscriptionIndex index = new SubscriptionIndex();
        TestSessions sessions = new TestSessions(index);
        List<Session> clients = List.of(sessions.open("c0"), sessions.open("c1"), sessions.open("c2"));
        List<Subscriber> all = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            Session session = clients.get(i % clients.size());
            Subscriber subscriber = new Subscriber(session, new Subscription(filters.get(i), QoS.AT_LEAST_ONCE), 0);
            index.subscribe(subscriber);
            String filter = filters.get(i);
            all.removeIf(s -> s.session() == session && s.subscription().topicFilter().equals(filter)); // replaced
            all.add(subscriber);
        }
        checkAgainstReference(index, all, topics);

        List<Subscriber> remaining = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Subscriber subscriber = all.get(i);
            if (i % 2 == 0) {
                index.unsubscribe(subscriber.session(), subscriber.subscription().topicFilter());
            } else {
                remaining.add(subscriber);
            }
        }
        checkAgainstReference(index, remaining, topics);
    }

    @Property(tries = 200)
    void sharedSubscriptionsMatchAsOneGroupPerShareNameAndFilter(
            @ForAll @Size(min = 1, max = 12) List<@From(supplier = TopicArbitraries.Filters.class) String> filters,
            @ForAll @Size(min = 1, max = 8) List<@From(supplier = TopicArbitraries.Names.class) String> topics) {
        SubscriptionIndex index = new SubscriptionIndex();
        TestSessions sessions = new TestSessions(index);
        List<Session> clients = List.of(sessions.open("c0"), sessions.open("c1"), sessions.open("c2"));
        Set<String> sharedFilters = new HashSet<>();
        for (int i = 0; i < filters.size(); i++) {
            String shared = "$share/g" + i % 2 + "/" + filters.get(i);
            sharedFilters.add(shared);
            for (Session session : clients) {
                index.subscribe(new Subscriber(session, new Subscription(shared, QoS.AT_LEAST_ONCE), 0));
            }
        }
        for (String topic : topics) {
            List<Subscriber> found = new ArrayList<>();
            List<SharedGroup> groups = new ArrayList<>();
            index.match(topic, found, groups);
            Set<String> expected = new HashSet<>();
            for (String shared : sharedFilters) {
                if (Topics.matches(topic, shared.substring(shared.indexOf('/', "$share/".length()) + 1))) {
                    expected.add(shared);
                }
            }
            assertThat(found).as("no subscriber of %s outside its group", topic).isEmpty();
            assertThat(groups).as("groups of %s", topic).extracting(SharedGroup::filter)
                    .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(index.size()).isEqualTo(sharedFilters.size() * clients.size());

        for (String shared : sharedFilters) {
            for (Session session : clients) {
                assertThat(index.unsubscribe(session, shared)).isTrue();
            }
        }
        assertThat(index.size()).isZero();
        for (String topic : topics) {
            List<SharedGroup> groups = new ArrayList<>();
            index.match(topic, new ArrayList<>(), groups);
            assertThat(groups).as("no group left for %s", topic).isEmpty();
        }
    }

    private static void checkAgainstReference(SubscriptionIndex index, List<Subscriber> subscribed, List<String> topics) {
        for (String topic : topics) {
            List<Subscriber> found = new ArrayList<>();
            index.match(topic, found, new ArrayList<>());
            Set<String> expected = new HashSet<>();
            for (Subscriber s : subscribed) {
                if (Topics.matches(topic, s.subscription().topicFilter())) {
                    expected.add(key(s));
                }
            }
            Set<String> actual = new HashSet<>();
            found.forEach(s -> actual.add(key(s)));
            assertThat(actual).as("subscribers of %s", topic).isEqualTo(expected);
            assertThat(found).as("each matching subscription once").hasSize(actual.size());
        }
    }

    private static String key(Subscriber subscriber) {
        return subscriber.session().clientId() + " " + subscriber.subscription().topicFilter();
    }
}
