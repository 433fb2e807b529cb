package io.tern.broker.auth.acl;

/**
 * One {@code topic} or {@code pattern} line of an ACL file.
 *
 * @param access what it grants, or {@link AclAccess#DENY}
 * @param filter the topics it applies to
 */
record AclRule(AclAccess access, AclFilter filter) {
}
