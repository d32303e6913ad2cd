package io.virtforge.connect;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * A mediated device as a node device of capability {@code mdev}.
 *
 * @param name          its node device name: libvirt 7.7 and later name it {@code mdev_<uuid>_<parent address>},
 *                      every character but letters and digits made {@code _} ({@link #nodeDeviceName})
 * @param uuid          its UUID, which a domain's {@code <hostdev type='mdev'>} names
 * @param type          its type id
 * @param parent        its parent's node device name, e.g. {@code pci_0000_31_00_0}
 * @param parentAddress its parent's sysfs name, e.g. {@code 0000:31:00.0}
 * @param iommuGroup    its IOMMU group, while it is active
 * @param active        whether it exists in the kernel now
 * @param persistent    whether it is defined (kept by {@code mdevctl}), not only created
 */
public record MdevDevice(String name, UUID uuid, String type, String parent, String parentAddress,
        OptionalInt iommuGroup, boolean active, boolean persistent) {
    /** Checks the parts. */
    public MdevDevice {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(parentAddress, "parentAddress");
        Objects.requireNonNull(iommuGroup, "iommuGroup");
    }

    /**
     * The node device name libvirt (7.7 and later) gives a mediated device: {@code mdev_}, the UUID, {@code _} and
     * the parent's address, with every character that is not an ASCII letter or digit replaced by {@code _}
     * (libvirt's {@code nodeDeviceGenerateName}), e.g. {@code mdev_8b1c1e53_0f4b_4d2c_9e3a_2a9c2c9a7f01_0000_31_00_0}.
     */
    public static String nodeDeviceName(UUID uuid, String parentAddress) {
        String raw = "mdev_" + uuid + "_" + parentAddress;
        StringBuilder b = new StringBuilder(raw.length());
        for (char c : raw.toCharArray()) {
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            b.append(alnum ? c : '_');
        }
        return b.toString();
    }

    /**
     * Reads {@code virsh nodedev-dumpxml} of a mediated device.
     *
     * @param active     whether libvirt says it is active ({@code virNodeDeviceIsActive})
     * @param persistent whether libvirt says it is persistent ({@code virNodeDeviceIsPersistent})
     */
    public static MdevDevice fromXml(String xml, boolean active, boolean persistent) {
        return MdevNodeDeviceXml.device(xml, active, persistent);
    }
}
