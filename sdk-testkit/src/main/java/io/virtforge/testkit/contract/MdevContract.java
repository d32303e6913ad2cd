package io.virtforge.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.abort;

import io.virtforge.connect.AlreadyExistsException;
import io.virtforge.connect.ConnectionClosedException;
import io.virtforge.connect.HostResourceException;
import io.virtforge.connect.InvalidStateException;
import io.virtforge.connect.MdevDefinition;
import io.virtforge.connect.MdevDevice;
import io.virtforge.connect.MdevParentDevice;
import io.virtforge.connect.MediatedDevices;
import io.virtforge.connect.NotFoundException;
import io.virtforge.connect.NotSupportedException;
import io.virtforge.connect.VirtConnection;
import io.virtforge.connect.VirtException;
import io.virtforge.topology.MdevType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link VirtConnection#mdevs()} must do on every target, as libvirt 9.0's node device driver does it: listing
 * parents and instances, the instances' names ({@code mdev_<uuid>_<parent address>}), an instance taking one of its
 * type's available instances and giving it back, the define/start/destroy/undefine lifecycle, and the exception
 * class of each misuse (a missing parent or device is a {@link NotFoundException}, a type with none left a
 * {@link HostResourceException}, a UUID that is active an {@link AlreadyExistsException}, a call in the wrong state
 * an {@link InvalidStateException}).
 *
 * <p>Extend it once per target. The cases that make instances need a parent with an instance available
 * ({@link #mdevTarget()}); a target without one (this project's real host has no mdev-capable device) aborts them
 * with that reason. A call the target's driver cannot make (the test driver defines no node devices and creates
 * only vHBAs; a libvirt without {@code mdevctl}) aborts the case with libvirt's own message. Instances made are
 * destroyed and undefined after each case.
 */
public abstract class MdevContract {
    private static final Logger LOG = LoggerFactory.getLogger(MdevContract.class);
    /** A parent node device name no host has. */
    protected static final String MISSING_PARENT = "pci_0000_ff_1f_7";
    private final List<String> made = new ArrayList<>();
    /** The connection of the current case. */
    protected VirtConnection connection;

    /** A parent and one of its types that can make instances. */
    public record Target(String parent, String type) {
    }

    /** Opens a fresh connection to the target. */
    protected abstract VirtConnection openConnection();

    /**
     * A parent (node device name) and type with at least two available instances, for the cases that make
     * instances; empty aborts them (the default).
     */
    protected Optional<Target> mdevTarget() {
        return Optional.empty();
    }

    @BeforeEach
    void openTheConnection() {
        connection = openConnection();
    }

    @AfterEach
    void cleanUp() {
        for (String name : made) {
            try {
                Optional<MdevDevice> d = connection.mdevs().device(name);
                if (d.isPresent() && d.get().active()) {
                    connection.mdevs().destroy(name);
                }
                d = connection.mdevs().device(name);
                if (d.isPresent() && d.get().persistent()) {
                    connection.mdevs().undefine(name);
                }
            } catch (VirtException e) {
                LOG.warn("cleaning up {}: {}", name, e.getMessage());
            }
        }
        made.clear();
        connection.close();
    }

    private MediatedDevices mdevs() {
        return connection.mdevs();
    }

    private Target target() {
        return mdevTarget().orElseGet(() -> abort("the target has no parent device that can make mediated devices"));
    }

    /** The value, or an aborted case when the target's driver cannot make the call. */
    private static <T> T supported(Supplier<T> call) {
        try {
            return call.get();
        } catch (NotSupportedException e) {
            return abort("the target cannot make this node device call: " + e.libvirtMessage());
        }
    }

    /** What the call throws; an aborted case when the target's driver cannot make it. */
    private static VirtException refusal(Runnable call) {
        try {
            call.run();
        } catch (NotSupportedException e) {
            abort("the target cannot make this node device call: " + e.libvirtMessage());
        } catch (VirtException e) {
            return e;
        }
        throw new AssertionError("the call was not refused");
    }

    private MdevDevice made(MdevDevice device) {
        made.add(device.name());
        return device;
    }

    private int available(Target t) {
        MdevParentDevice parent = mdevs().parents().stream().filter(p -> p.name().equals(t.parent())).findFirst()
                .orElseThrow(() -> new AssertionError("no parent " + t.parent() + " in " + mdevs().parents()));
        return parent.type(t.type()).map(MdevType::availableInstances).orElseThrow();
    }

    @Test
    void listingNamesEveryInstanceAsLibvirtDoes() {
        List<MdevParentDevice> parents = mdevs().parents();
        for (MdevParentDevice p : parents) {
            assertThat(p.types()).isNotEmpty().allSatisfy(t -> assertThat(t.availableInstances()).isNotNegative());
        }
        for (MdevDevice d : mdevs().devices()) {
            assertThat(d.name()).isEqualTo(MdevDevice.nodeDeviceName(d.uuid(), d.parentAddress()));
        }
    }

    @Test
    void everyCallAfterCloseIsConnectionClosed() {
        MediatedDevices m = mdevs();
        connection.close();
        assertThatThrownBy(m::parents).isExactlyInstanceOf(ConnectionClosedException.class);
        assertThatThrownBy(m::devices).isExactlyInstanceOf(ConnectionClosedException.class);
        assertThatThrownBy(() -> m.create(MdevDefinition.of(MISSING_PARENT, "mtty-2")))
                .isExactlyInstanceOf(ConnectionClosedException.class);
        assertThatThrownBy(() -> m.destroy("mdev_x")).isExactlyInstanceOf(ConnectionClosedException.class);
    }

    @Test
    void creatingOnAParentTheHostLacksIsNotFound() {
        MdevDefinition missing = new MdevDefinition(MISSING_PARENT, "mtty-2", UUID.randomUUID());
        assertThat(refusal(() -> mdevs().create(missing))).isExactlyInstanceOf(NotFoundException.class)
                .hasMessageContaining(MISSING_PARENT);
        assertThat(mdevs().devices(missing.uuid())).isEmpty();
    }

    @Test
    void definingOnAParentTheHostLacksIsNotFound() {
        MdevDefinition missing = new MdevDefinition(MISSING_PARENT, "mtty-2", UUID.randomUUID());
        assertThat(refusal(() -> mdevs().define(missing))).isExactlyInstanceOf(NotFoundException.class);
        assertThat(mdevs().devices(missing.uuid())).isEmpty();
    }

    @Test
    void callsOnAnInstanceTheHostLacksAreNotFound() {
        String name = MdevDevice.nodeDeviceName(UUID.randomUUID(), "0000:ff:1f.7");
        assertThatThrownBy(() -> mdevs().destroy(name)).isExactlyInstanceOf(NotFoundException.class)
                .hasMessageContaining(name);
        assertThatThrownBy(() -> mdevs().undefine(name)).isExactlyInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> mdevs().start(name)).isExactlyInstanceOf(NotFoundException.class);
        assertThat(mdevs().device(name)).isEmpty();
    }

    @Test
    void aCreatedInstanceTakesOneOfItsTypeAndDestroyingGivesItBack() {
        Target t = target();
        int before = available(t);
        MdevDefinition def = MdevDefinition.of(t.parent(), t.type());
        MdevDevice d = made(supported(() -> mdevs().create(def)));
        assertThat(d.uuid()).isEqualTo(def.uuid());
        assertThat(d.type()).isEqualTo(t.type());
        assertThat(d.parent()).isEqualTo(t.parent());
        assertThat(d.active()).isTrue();
        assertThat(d.persistent()).isFalse();
        assertThat(d.iommuGroup()).as("an active instance's IOMMU group").isPresent();
        assertThat(d.name()).isEqualTo(MdevDevice.nodeDeviceName(def.uuid(), d.parentAddress()));
        assertThat(mdevs().device(d.name())).contains(d);
        assertThat(available(t)).isEqualTo(before - 1);
        mdevs().destroy(d.name());
        assertThat(mdevs().device(d.name())).isEmpty();
        assertThat(available(t)).isEqualTo(before);
    }

    @Test
    void creatingWhenNoInstanceIsLeftIsAHostResourceException() {
        Target t = target();
        for (int left = available(t); left > 0; left--) {
            made(supported(() -> mdevs().create(MdevDefinition.of(t.parent(), t.type()))));
        }
        assertThat(available(t)).isZero();
        MdevDefinition oneMore = MdevDefinition.of(t.parent(), t.type());
        assertThatThrownBy(() -> mdevs().create(oneMore)).isExactlyInstanceOf(HostResourceException.class)
                .hasMessageContaining("No available instances of " + t.type());
        assertThat(mdevs().devices(oneMore.uuid())).isEmpty();
    }

    @Test
    void creatingAUuidThatIsActiveAlreadyExists() {
        Target t = target();
        MdevDevice d = made(supported(() -> mdevs().create(MdevDefinition.of(t.parent(), t.type()))));
        int before = available(t);
        assertThatThrownBy(() -> mdevs().create(new MdevDefinition(t.parent(), t.type(), d.uuid())))
                .isExactlyInstanceOf(AlreadyExistsException.class);
        assertThat(available(t)).isEqualTo(before);
    }

    @Test
    void aDefinedInstanceStartsStopsAndIsUndefined() {
        Target t = target();
        int before = available(t);
        MdevDevice defined = made(supported(() -> mdevs().define(MdevDefinition.of(t.parent(), t.type()))));
        assertThat(defined.active()).isFalse();
        assertThat(defined.persistent()).isTrue();
        assertThat(available(t)).isEqualTo(before);
        assertThatThrownBy(() -> mdevs().destroy(defined.name())).isExactlyInstanceOf(InvalidStateException.class);

        MdevDevice started = mdevs().start(defined.name());
        assertThat(started.active()).isTrue();
        assertThat(started.persistent()).isTrue();
        assertThat(available(t)).isEqualTo(before - 1);
        assertThatThrownBy(() -> mdevs().start(defined.name())).isExactlyInstanceOf(InvalidStateException.class);

        mdevs().destroy(defined.name());
        assertThat(mdevs().device(defined.name())).hasValueSatisfying(d -> {
            assertThat(d.active()).isFalse();
            assertThat(d.persistent()).isTrue();
        });
        assertThat(available(t)).isEqualTo(before);
        mdevs().undefine(defined.name());
        assertThat(mdevs().device(defined.name())).isEmpty();
    }

    @Test
    void undefiningATransientInstanceIsInvalidState() {
        Target t = target();
        MdevDevice d = made(supported(() -> mdevs().create(MdevDefinition.of(t.parent(), t.type()))));
        assertThatThrownBy(() -> mdevs().undefine(d.name())).isExactlyInstanceOf(InvalidStateException.class);
        assertThat(mdevs().device(d.name())).hasValueSatisfying(x -> assertThat(x.active()).isTrue());
    }
}
