package io.virtforge.libvirt;

import io.virtforge.connect.VirtConnection;
import io.virtforge.testkit.contract.MdevContract;
import org.junit.jupiter.api.BeforeAll;

/**
 * The mediated device contract against libvirt's test driver: its default host has no mdev-capable device, lists
 * with the capability filters (only), creates nothing but vHBAs ("Device is not a fibre channel HBA") and defines
 * no node devices, so the cases that make instances abort and the lookups of missing devices run.
 */
class TestDriverMdevContractIT extends MdevContract {
    @BeforeAll
    static void libvirt() {
        Hosts.assumeTestDriver();
    }

    @Override
    protected VirtConnection openConnection() {
        return LibvirtConnection.open(Hosts.TEST_URI);
    }
}
