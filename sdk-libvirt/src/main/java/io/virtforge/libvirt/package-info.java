/**
 * The libvirt implementation of Virtforge's connection interface: {@link io.virtforge.libvirt.LibvirtConnection}
 * and {@link io.virtforge.libvirt.LibvirtDomain} over libvirt-java 0.5.4 and the JNA bindings of
 * {@link io.virtforge.libvirt.jna}, opened directly or through
 * {@link io.virtforge.connect.VirtConnections#open(String)} ({@link io.virtforge.libvirt.LibvirtConnectionProvider}).
 *
 * <p><b>Errors.</b> libvirt's errors surface as the typed exceptions of {@code io.virtforge.connect}, each
 * keeping libvirt's code, error domain and message; the mapping is documented (and tested against
 * libvirt 9.0) in {@code ErrorMapping}. Validation failures before libvirt is asked throw
 * {@link io.virtforge.check.DomainValidationException}.
 *
 * <p><b>Threads.</b> Connections and domain handles are thread-safe. The SDK runs libvirt's event loop
 * on one daemon thread per JVM; each connection delivers lifecycle events on its own daemon thread.
 *
 * <p><b>Native memory.</b> Every libvirt-java {@code Domain} object is freed by the call that got it;
 * nothing native outlives a call except the connection itself, which {@code close()} releases.
 */
package io.virtforge.libvirt;
