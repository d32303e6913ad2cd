package io.virtforge.libvirt;

import io.virtforge.connect.VirtConnection;
import io.virtforge.model.Domain;
import io.virtforge.testkit.contract.ConnectionContract;
import io.virtforge.model.DomainXml;
import org.junit.jupiter.api.BeforeAll;

/**
 * The connection contract, which the testkit's fake also passes, against libvirt's own test driver: the
 * fake is only trusted where the real libvirt behaves the same.
 */
class TestDriverContractIT extends ConnectionContract {
    @BeforeAll
    static void libvirt() {
        Hosts.assumeTestDriver();
    }

    @Override
    protected VirtConnection openConnection() {
        return LibvirtConnection.open(Hosts.TEST_URI);
    }

    /** The test driver's host is imaginary: it pins to any CPU and answers free pages for any node. */
    @Override
    protected boolean checksHostBounds() {
        return false;
    }

    @Override
    protected boolean behavesLikeQemu() {
        return false;
    }

    @Override
    protected Domain minimalDomain(String name) {
        return DomainXml.defaults().parse("""
                <domain type='test'>
                  <name>%s</name>
                  <memory unit='MiB'>256</memory>
                  <vcpu>2</vcpu>
                  <os><type arch='x86_64'>hvm</type></os>
                  <devices>
                    <disk type='file' device='disk'>
                      <source file='/var/lib/libvirt/images/%s.img'/>
                      <target dev='vda' bus='virtio'/>
                    </disk>
                    <interface type='network'>
                      <source network='default'/>
                      <target dev='%s'/>
                    </interface>
                  </devices>
                </domain>
                """.formatted(name, name, "vnet-" + name.substring(4)));
    }
}
