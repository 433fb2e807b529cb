package io.tern.broker.transport;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The user name a client's TLS certificate gives it, on listeners that use the certificate's common
 * name (CN) as the user name ({@link TlsOptions#identityAsUsername()}).
 */
final class CertificateIdentity {
    /** Set on the channels of listeners whose clients are named by their certificate. */
    static final AttributeKey<Boolean> AS_USERNAME = AttributeKey.valueOf(CertificateIdentity.class, "asUsername");

    private CertificateIdentity() {
    }

    /**
     * The user name of the client on {@code channel}: the CN of its certificate on a listener that
     * names clients so (the handshake is over once CONNECT is read), {@code sent} otherwise.
     *
     * @return the user name, or {@code null} when the certificate has no CN
     */
    static String username(Channel channel, String sent) {
        if (!namesClients(channel)) {
            return sent;
        }
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        try {
            Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate certificate
                    ? commonName(certificate) : null;
        } catch (SSLPeerUnverifiedException e) {
            return null; // not reached: the listener requires a verified certificate
        }
    }

    /** Whether {@code channel}'s listener names its clients by their certificate. */
    static boolean namesClients(Channel channel) {
        return Boolean.TRUE.equals(channel.attr(AS_USERNAME).get());
    }

    /** The last CN of the certificate's subject (the most specific one), or {@code null}. */
    static String commonName(X509Certificate certificate) {
        try {
            String cn = null;
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    cn = String.valueOf(rdn.getValue()); // LdapName lists the RDNs least specific first
                }
            }
            return cn;
        } catch (InvalidNameException e) {
            return null;
        }
    }
}
