/** Where a client keeps its in-flight QoS 1 and 2 publishes: in memory or in files. */
package io.tern.client.persistence;
