package io.virtforge.fake.libvirt;

import static io.virtforge.fake.libvirt.TestDomains.plain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtforge.connect.ConnectionClosedException;
import io.virtforge.connect.ConnectionLostException;
import io.virtforge.connect.HostResourceException;
import io.virtforge.connect.LibvirtErrors;
import io.virtforge.connect.VirtDomain;
import io.virtforge.connect.VirtException;
import io.virtforge.fake.fixtures.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Injected failures and a lost connection. */
class FakeFaultsTest {
    private final FakeVirtConnection fake = TestDomains.connect(Fixtures.TINY);

    @AfterEach
    void close() {
        fake.close();
    }

    @Test
    void theNextCallOfAnOperationFailsOnceWithTheGivenErrorAndChangesNothing() {
        VirtDomain vm = fake.define(plain("vm"));
        HostResourceException oom = new HostResourceException("out of memory", 38, 10, "cannot allocate memory");
        fake.faults().failNext("start", oom).failNext("start", oom);
        assertThatThrownBy(vm::start).isSameAs(oom);
        assertThatThrownBy(vm::start).isSameAs(oom);
        assertThat(fake.stateOf("vm")).contains(io.virtforge.connect.DomainState.SHUTOFF);
        vm.start();
        assertThat(vm.state()).isEqualTo(io.virtforge.connect.DomainState.RUNNING);
    }

    @Test
    void connectionLevelOperationsFailToo() {
        fake.faults().failNext("define", new VirtException("rpc", 38, 7, "Cannot write data: Broken pipe"));
        assertThatThrownBy(() -> fake.define(plain("vm"))).hasMessage("rpc");
        assertThat(fake.domains()).isEmpty();
    }

    @Test
    void unknownOperationNamesAreRefused() {
        assertThatThrownBy(() -> fake.faults().failNext("strat", new VirtException("x", 1, 1, "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown operation 'strat'")
                .hasMessageContaining("start");
    }

    @Test
    void aDroppedConnectionFailsEveryCallUntilCleared() {
        VirtDomain vm = fake.define(plain("vm"));
        fake.faults().dropConnection();
        assertThat(fake.isAlive()).isFalse();
        ConnectionLostException e = TestDomains.fails(ConnectionLostException.class,
                LibvirtErrors.VIR_ERR_INTERNAL_ERROR, LibvirtErrors.VIR_FROM_RPC,
                "internal error: client socket is closed", vm::start);
        assertThat(e.getMessage()).startsWith("start:");
        assertThatThrownBy(fake::domains).isInstanceOf(ConnectionLostException.class);
        assertThatThrownBy(fake::topology).isInstanceOf(ConnectionLostException.class);
        assertThatThrownBy(() -> fake.onLifecycle(x -> { })).isInstanceOf(ConnectionLostException.class);
        fake.faults().clear();
        assertThat(fake.isAlive()).isTrue();
        vm.start();
    }

    @Test
    void aClosedConnectionRefusesCalls() {
        VirtDomain vm = fake.define(plain("vm"));
        fake.close();
        assertThat(fake.isAlive()).isFalse();
        TestDomains.fails(ConnectionClosedException.class, LibvirtErrors.VIR_ERR_INVALID_CONN,
                LibvirtErrors.VIR_FROM_NONE, "invalid connection pointer in state", vm::state);
    }
}
