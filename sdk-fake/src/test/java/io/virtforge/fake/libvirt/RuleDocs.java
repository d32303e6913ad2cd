package io.virtforge.fake.libvirt;

import static io.virtforge.fake.libvirt.TestDomains.fails;
import static org.assertj.core.api.Assertions.assertThat;

import io.virtforge.connect.DefineOptions;
import io.virtforge.connect.InvalidDefinitionException;
import io.virtforge.connect.VirtDomain;
import io.virtforge.connect.VirtException;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.model.Domain;
import io.virtforge.model.DomainXml;

/**
 * Small x86_64 QEMU documents for the tests of the fake's define-time rules ({@link QemuValidation} and the rule
 * classes it calls), and the two answers a rule gives: refused with libvirt's code, error domain and words, or
 * defined.
 */
final class RuleDocs implements AutoCloseable {
    private final FakeVirtConnection fake = Fixtures.get(Fixtures.TINY).connect();

    /** A document of a machine, with what goes inside {@code <os>} after its type, at the top level and in {@code <devices>}. */
    static String doc(String machine, String os, String top, String devices) {
        return "<domain type='qemu'><name>d</name><memory unit='MiB'>64</memory><vcpu>4</vcpu>" + top
                + "<os><type arch='x86_64' machine='" + machine + "'>hvm</type>" + os + "</os><devices>" + devices
                + "</devices></domain>";
    }

    /** An i440FX document with these devices. */
    static String pc(String devices) {
        return doc("pc", "", "", devices);
    }

    /** A {@code <cpu>} with guest NUMA cells 0..cells-1 (at most 4), one vCPU each. */
    static String numa(int cells) {
        StringBuilder s = new StringBuilder("<cpu><numa>");
        for (int i = 0; i < cells; i++) {
            s.append("<cell id='").append(i).append("' cpus='").append(i).append("' memory='32' unit='MiB'/>");
        }
        return s.append("</numa></cpu>").toString();
    }

    /** The define is refused as an invalid definition with libvirt's code, error domain and message. */
    void refused(int code, int domain, String message, String xml) {
        refused(InvalidDefinitionException.class, code, domain, message, xml);
    }

    /** The same with another exception class (the shared classification's for that code and domain). */
    void refused(Class<? extends VirtException> type, int code, int domain, String message, String xml) {
        Domain d = DomainXml.defaults().parse(xml);
        fails(type, code, domain, message, () -> fake.define(d, DefineOptions.unchecked()));
        assertThat(fake.domains()).isEmpty();
    }

    /** The define succeeds (the near miss of a rule). */
    void accepted(String xml) {
        VirtDomain d = fake.define(DomainXml.defaults().parse(xml), DefineOptions.unchecked());
        d.undefine();
    }

    @Override
    public void close() {
        fake.close();
    }
}
