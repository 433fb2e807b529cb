package io.tern.cli.bench;

import java.util.List;

/**
 * Who publishes where and who receives what in a scenario. Subscribers form groups: a group receives
 * each message of its publishers once (a lone subscriber is a group of one; the members of a shared
 * subscription share one group), so a message is expected {@link #receiversPerMessage()} times.
 *
 * @param publisherTopics   the topic of each publisher
 * @param subscriberFilters the topic filter of each subscriber
 * @param groupOfSubscriber the group of each subscriber
 * @param groupsOfPublisher the groups that receive each publisher's messages, as many for every publisher
 * @param groups            the number of groups
 */
record Topology(List<String> publisherTopics, List<String> subscriberFilters, int[] groupOfSubscriber,
                int[][] groupsOfPublisher, int groups) {
    /** No publishers nor subscribers: the connections of {@link Scenario#CONNS}. */
    static final Topology NONE = new Topology(List.of(), List.of(), new int[0], new int[0][], 0);

    int publishers() {
        return publisherTopics.size();
    }

    int subscribers() {
        return subscriberFilters.size();
    }

    /** How many deliveries each message of each publisher should make. */
    int receiversPerMessage() {
        return groupsOfPublisher.length == 0 ? 0 : groupsOfPublisher[0].length;
    }

    /** How many publishers each group receives from (the same for every group of a scenario). */
    int publishersPerGroup() {
        int publishers = 0;
        for (int[] groups : groupsOfPublisher) {
            for (int group : groups) {
                if (group == 0) {
                    publishers++;
                }
            }
        }
        return publishers;
    }
}
