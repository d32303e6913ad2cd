package io.virtforge.libvirt.jna;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtforge.model.Domain;
import io.virtforge.model.DomainXml;
import io.virtforge.xml.XmlDocument;
import org.junit.jupiter.api.Test;
import org.libvirt.LibvirtException;

/**
 * The direct define, create, persistence check, undefine and free, against libvirt-java's own calls on the
 * same test driver: same documents in, same domains and errors out, and no reference left at close.
 */
class DomainDefinitionCallsTest extends OnTestDriver {
    private static final DomainXml XML = DomainXml.defaults();

    private static Domain domain(String name, String description) {
        return XML.parse("<domain type='test'><name>" + name + "</name><description>" + description
                + "</description><memory unit='KiB'>1048576</memory><vcpu>2</vcpu>"
                + "<os><type arch='i686'>hvm</type></os></domain>");
    }

    private static String withoutUuid(String xml) {
        return xml.replaceFirst("<uuid>[^<]*</uuid>", "");
    }

    @Test
    void definesWhatLibvirtJavaDefinesNonAsciiIncluded() throws LibvirtException {
        Domain model = domain("vm-ünï-中文-😀", "é &lt;&amp;&gt; 中文 😀 \u0080\u07ff\u0800\ufffd");
        org.libvirt.Domain direct = driver.track(NativeLibvirt.defineDomain(conn, model.document()));
        String directXml = direct.getXMLDesc(0);
        assertThat(direct.getName()).isEqualTo(model.name());
        assertThat(XML.parse(directXml).description()).isEqualTo(model.description());
        assertThat(NativeLibvirt.isPersistent(direct)).isTrue();
        NativeLibvirt.undefineDomain(direct, 0);
        assertThatThrownBy(() -> conn.domainLookupByName(model.name())).isInstanceOf(LibvirtException.class);
        NativeLibvirt.freeDomain(direct);
        NativeLibvirt.freeDomain(direct); // freed already: nothing, as libvirt-java's free()
        assertThatThrownBy(() -> Handles.domain(direct)).hasMessageContaining("freed");

        org.libvirt.Domain viaJava = driver.track(conn.domainDefineXML(XML.write(model)));
        assertThat(withoutUuid(viaJava.getXMLDesc(0))).as("dumpxml, libvirt's UUID aside").isEqualTo(withoutUuid(directXml));
        viaJava.undefine();
    }

    @Test
    void createsATransientRunningDomain() throws LibvirtException {
        org.libvirt.Domain dom = driver.track(NativeLibvirt.createDomain(conn, domain("vm-t", "t").document(), 0));
        assertThat(dom.isActive()).isEqualTo(1);
        assertThat(NativeLibvirt.isPersistent(dom)).isFalse();
        dom.destroy();
    }

    @Test
    void refusalsCarryLibvirtsErrorAsLibvirtJavasDo() {
        XmlDocument bad = XML.parse("<domain type='test'><name>bad</name><memory>1</memory>"
                + "<os><type arch='i686'>hvm</type></os><devices><disk type='file' device='disk'>"
                + "<target dev='hda' bus='nosuchbus'/></disk></devices></domain>").document();
        LibvirtException java = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> conn.domainDefineXML(io.virtforge.xml.XmlWriter.toXml(bad)), LibvirtException.class);
        assertThat(java).as("libvirt-java refuses it").isNotNull();
        assertThatThrownBy(() -> NativeLibvirt.defineDomain(conn, bad))
                .isInstanceOfSatisfying(NativeLibvirtException.class, e -> {
                    assertThat(e.libvirtMessage()).isEqualTo(java.getError().getMessage());
                    assertThat(e.code()).isEqualTo(java.getError().getCode().ordinal());
                    assertThat(e.domain()).isEqualTo(java.getError().getDomain().ordinal());
                });
        assertThatThrownBy(() -> NativeLibvirt.createDomain(conn, bad, 0)).isInstanceOf(NativeLibvirtException.class);
    }
}
