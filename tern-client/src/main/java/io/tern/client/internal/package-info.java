/** The implementation of the client over Netty; not an API, may change at any time. */
package io.tern.client.internal;
