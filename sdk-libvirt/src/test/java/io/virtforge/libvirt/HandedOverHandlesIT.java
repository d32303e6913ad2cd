package io.virtforge.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtforge.connect.DomainState;
import io.virtforge.connect.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The object a define or create gets from libvirt serves its handle's first call (no lookup by UUID), is
 * freed by that call, and never outlives the native connection: on libvirt's test driver, where
 * {@code virConnectClose} reports every reference still held.
 */
class HandedOverHandlesIT {
    private LibvirtConnection conn;

    @BeforeEach
    void openTheTestDriver() {
        Hosts.assumeTestDriver();
        conn = LibvirtConnection.open(Hosts.TEST_URI);
    }

    @AfterEach
    void closeIt() {
        if (conn != null) {
            conn.close(); // closing twice (the tests close to read the references left) does nothing
        }
    }

    @Test
    void theFirstCallTakesTheDefinedObjectAndFreesIt() {
        LibvirtDomain d = conn.define(LibvirtTestDriverIT.guest("handed-over"));
        assertThat(conn.heldDomainHandles()).isEqualTo(1);
        assertThat(conn.openDomainHandles()).isZero();
        assertThat(d.state()).isEqualTo(DomainState.SHUTOFF);
        assertThat(conn.heldDomainHandles()).as("taken by the first call").isZero();
        assertThat(conn.openDomainHandles()).as("and freed by it").isZero();
        d.undefine(); // by lookup now
        assertThat(conn.lookup("handed-over")).isEmpty();
        conn.close();
        assertThat(conn.referencesLeftAtClose()).isZero();
    }

    @Test
    void aHandedOverObjectOfAnUndefinedDomainFailsLikeALookup() {
        LibvirtDomain d = conn.define(LibvirtTestDriverIT.guest("gone-early"));
        conn.lookup("gone-early").orElseThrow().undefine();
        assertThatThrownBy(d::state).isInstanceOf(NotFoundException.class);
        assertThat(conn.heldDomainHandles()).isZero();
        assertThat(conn.openDomainHandles()).isZero();
    }

    @Test
    void unusedHandlesAreBoundedAndFreedBeforeClose() {
        List<LibvirtDomain> handles = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            handles.add(conn.define(LibvirtTestDriverIT.guest("unused-" + i)));
        }
        assertThat(conn.heldDomainHandles()).as("the oldest are freed beyond 64").isEqualTo(64);
        assertThat(handles.get(0).state()).as("an evicted handle looks its domain up").isEqualTo(DomainState.SHUTOFF);
        assertThat(conn.heldDomainHandles()).isEqualTo(64);
        handles.get(69).undefine();
        assertThat(conn.heldDomainHandles()).isEqualTo(63);
        conn.close();
        assertThat(conn.heldDomainHandles()).isZero();
        assertThat(conn.referencesLeftAtClose()).as("no held object outlives the connection").isZero();
    }

    @Test
    void reconnectFreesTheObjectsOfTheOldConnection() {
        LibvirtDomain d = conn.define(LibvirtTestDriverIT.guest("across-reconnect"));
        conn.reconnect(); // test:///default keeps its state while a connection is open: the domain stays
        assertThat(conn.heldDomainHandles()).isZero();
        assertThat(d.state()).as("looked up on the new connection").isEqualTo(DomainState.SHUTOFF);
        d.undefine();
        conn.close();
        assertThat(conn.referencesLeftAtClose()).isZero();
    }
}
