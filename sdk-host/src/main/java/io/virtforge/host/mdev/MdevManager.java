package io.virtforge.host.mdev;

import io.virtforge.host.pci.HostLock;
import io.virtforge.host.pci.VfioOptions;
import io.virtforge.host.sysfs.HostChangeException;
import io.virtforge.host.sysfs.MdevPaths;
import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.host.sysfs.SysfsTransaction;
import io.virtforge.topology.MdevInstance;
import io.virtforge.topology.MdevParent;
import io.virtforge.topology.MdevType;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and removes mediated devices as the kernel's sysfs interface does it (what {@code mdevctl start}
 * and {@code stop} do for a transient device): a create writes the UUID to the type's {@code create} and reads
 * back that {@code /sys/bus/mdev/devices/<uuid>} exists with the asked type and parent; a remove writes
 * {@code 1} to the instance's {@code remove} and reads back that it is gone. Each is a
 * {@link SysfsTransaction}: a create whose read-back fails removes the instance it made. Both run under the
 * {@link HostLock} of the {@link VfioOptions} (the lock vfio binding takes), so that a vGPU is not created
 * while its parent is being moved between drivers.
 *
 * <p>Refused before any write, with {@link MdevRefusedException}: an unknown parent or type, a type without
 * available instances, a UUID in use, and removing an instance that does not exist.
 */
public final class MdevManager {
    private static final Logger LOG = LoggerFactory.getLogger(MdevManager.class);
    private final Sysfs sysfs;
    private final VfioOptions options;
    private final MdevReader reader;

    /** A manager taking the host lock of {@link VfioOptions#defaults()}. */
    public MdevManager(Sysfs sysfs) {
        this(sysfs, VfioOptions.defaults());
    }

    /** A manager taking the host lock of {@code options} ({@link VfioOptions#lockFile()} and its timeout). */
    public MdevManager(Sysfs sysfs, VfioOptions options) {
        this.sysfs = sysfs;
        this.options = options;
        this.reader = new MdevReader(sysfs);
    }

    /** Creates an instance of {@code type} on {@code parent} with a new random UUID. */
    public MdevInstance create(String parent, String type) {
        return create(parent, type, UUID.randomUUID());
    }

    /**
     * Creates an instance of {@code type} on {@code parent} with the given UUID.
     *
     * @throws MdevRefusedException when the parent, the type or an instance is missing, or the UUID is in use
     * @throws HostChangeException  when the kernel refuses the write or does something else; the host is as
     *                              before (see {@link HostChangeException#rolledBack()})
     */
    public MdevInstance create(String parent, String type, UUID uuid) {
        return locked(() -> {
            MdevParent p = reader.parent(parent).orElseThrow(() -> new MdevRefusedException(MdevRefusal.NO_SUCH_PARENT,
                    parent + " is not a mediated device parent (not in " + MdevPaths.PARENTS + ")"));
            MdevType t = p.type(type).orElseThrow(() -> new MdevRefusedException(MdevRefusal.NO_SUCH_TYPE, parent
                    + " offers no mdev type " + type + " (it offers " + p.types().stream().map(MdevType::id).toList()
                    + ")"));
            if (t.availableInstances() == 0) {
                throw new MdevRefusedException(MdevRefusal.NO_INSTANCES_LEFT, "no instance of " + type + " left on "
                        + parent + " (available_instances is 0)");
            }
            if (sysfs.exists(MdevPaths.instance(uuid))) {
                throw new MdevRefusedException(MdevRefusal.UUID_IN_USE, "a mediated device " + uuid + " exists already");
            }
            return SysfsTransaction.run(sysfs, "create mdev " + uuid + " of " + type + " on " + parent, tx -> {
                tx.onRollback("remove mdev " + uuid, () -> {
                    if (sysfs.exists(MdevPaths.remove(uuid))) {
                        sysfs.write(MdevPaths.remove(uuid), "1");
                    }
                });
                tx.write(MdevPaths.create(parent, type), uuid.toString());
                MdevInstance made = reader.instance(uuid).orElseThrow(() -> new HostChangeException("writing " + uuid
                        + " to " + MdevPaths.create(parent, type) + " created no " + MdevPaths.instance(uuid)));
                if (!made.type().equals(type) || !made.parent().equals(parent)) {
                    throw new HostChangeException(MdevPaths.instance(uuid) + " is of type " + made.type() + " on "
                            + made.parent() + ", not " + type + " on " + parent);
                }
                LOG.info("created mdev {} of {} on {}", uuid, type, parent);
                return made;
            });
        });
    }

    /**
     * Removes an instance.
     *
     * @throws MdevRefusedException when it does not exist
     * @throws HostChangeException  when the kernel refuses (e.g. {@code EBUSY} while a guest uses it) or the
     *                              instance is still there after the write
     */
    public void remove(UUID uuid) {
        locked(() -> {
            Optional<MdevInstance> existing = reader.instance(uuid);
            if (existing.isEmpty()) {
                throw new MdevRefusedException(MdevRefusal.NO_SUCH_INSTANCE, "no mediated device " + uuid);
            }
            return SysfsTransaction.run(sysfs, "remove mdev " + uuid, tx -> {
                tx.write(MdevPaths.remove(uuid), "1");
                if (sysfs.exists(MdevPaths.instance(uuid))) {
                    throw new HostChangeException(MdevPaths.instance(uuid) + " is still there after writing 1 to "
                            + MdevPaths.remove(uuid));
                }
                LOG.info("removed mdev {} of {} on {}", uuid, existing.get().type(), existing.get().parent());
                return uuid;
            });
        });
    }

    private <T> T locked(Supplier<T> action) {
        try (HostLock lock = HostLock.acquire(options.lockFile(), options.lockTimeout())) {
            return action.get();
        }
    }
}
