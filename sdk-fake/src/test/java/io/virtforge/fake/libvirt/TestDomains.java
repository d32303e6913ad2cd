package io.virtforge.fake.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.virtforge.build.DomainBuilder;
import io.virtforge.connect.VirtException;
import io.virtforge.model.Domain;
import io.virtforge.value.DataSize;

/** Domains and helpers shared by the fake connection's tests. */
final class TestDomains {
    private TestDomains() {
    }

    /** 2 vCPUs, 1 GiB, a virtio disk vda and a NIC on the default network. */
    static DomainBuilder small(String name) {
        return DomainBuilder.named(name).memory(DataSize.gib(1)).vcpus(2)
                .disk(d -> d.file("/var/lib/libvirt/images/" + name + ".qcow2")).nic(n -> n.network("default"));
    }

    /** Where {@link #small} puts its disk images. */
    static final String IMAGES = "/var/lib/libvirt/images";

    /** A fresh connection to a fixture host whose storage has every image under {@link #IMAGES}. */
    static FakeVirtConnection connect(String fixture) {
        return connect(fixture, new FakeClock());
    }

    /** The same, on a given clock. */
    static FakeVirtConnection connect(String fixture, FakeClock clock) {
        FakeVirtConnection c = io.virtforge.fake.fixtures.Fixtures.get(fixture).connect(clock);
        c.storage().addFolder(IMAGES);
        return c;
    }

    static Domain plain(String name) {
        return small(name).build();
    }

    /** The exception a call throws, checked for type, code, error domain and libvirt's message. */
    static <T extends VirtException> T fails(Class<T> type, int code, int errorDomain, String libvirtMessage,
            Runnable call) {
        T e = catchThrowableOfType(type, call::run);
        assertThat(e).as("expected %s", type.getSimpleName()).isNotNull();
        assertThat(e).as("the exact class").isExactlyInstanceOf(type);
        assertThat(e.code()).as("code").isEqualTo(code);
        assertThat(e.errorDomain()).as("error domain").isEqualTo(errorDomain);
        assertThat(e.libvirtMessage()).as("libvirt message").isEqualTo(libvirtMessage);
        return e;
    }
}
