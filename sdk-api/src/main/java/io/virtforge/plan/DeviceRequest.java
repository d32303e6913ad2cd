package io.virtforge.plan;

import io.virtforge.topology.PciDevice;
import io.virtforge.value.PciAddress;
import java.util.Objects;

/**
 * A passthrough device a domain asks for: one by address, any free VF of a PF, or any free device
 * with given vendor and device ids. VFs are given to the domain as SR-IOV NICs, other devices as
 * VFIO hostdevs.
 *
 * @param kind     which form of request
 * @param address  the address (ADDRESS) or the PF (VF_OF)
 * @param vendorId the vendor id (IDS)
 * @param deviceId the device id (IDS)
 */
public record DeviceRequest(Kind kind, PciAddress address, int vendorId, int deviceId) {
    /** The forms of request. */
    public enum Kind {
        /** One device by address. */
        ADDRESS,
        /** Any free VF of a PF. */
        VF_OF,
        /** Any free device with vendor and device ids. */
        IDS
    }

    /** Checks the fields the kind needs. */
    public DeviceRequest {
        Objects.requireNonNull(kind, "kind");
        if (kind != Kind.IDS) {
            Objects.requireNonNull(address, "address");
        }
    }

    /** The device at {@code address}. */
    public static DeviceRequest address(PciAddress address) {
        return new DeviceRequest(Kind.ADDRESS, address, 0, 0);
    }

    /** Any free VF of the PF at {@code pf}. */
    public static DeviceRequest vfOf(PciAddress pf) {
        return new DeviceRequest(Kind.VF_OF, pf, 0, 0);
    }

    /** Any free device {@code vendor:device}, e.g. {@code ids(0x10de, 0x1db4)}. */
    public static DeviceRequest ids(int vendor, int device) {
        return new DeviceRequest(Kind.IDS, null, vendor, device);
    }

    /** Parses {@code 0000:3b:00.0}, {@code vf:0000:3b:00.0} or {@code 10de:1db4}. */
    public static DeviceRequest parse(String text) {
        if (text.startsWith("vf:")) {
            return vfOf(PciAddress.parse(text.substring(3)));
        }
        String[] ids = text.split(":");
        if (ids.length == 2 && ids[0].length() == 4 && ids[1].length() == 4 && !text.contains(".")) {
            try {
                return ids(Integer.parseInt(ids[0], 16), Integer.parseInt(ids[1], 16));
            } catch (NumberFormatException e) {
                throw new io.virtforge.value.ValueFormatException("device request", text, 0, "expected vvvv:dddd");
            }
        }
        return address(PciAddress.parse(text));
    }

    /** True when the device satisfies the request. */
    public boolean matches(PciDevice d) {
        return switch (kind) {
            case ADDRESS -> d.address().equals(address);
            case VF_OF -> d.physfn().filter(address::equals).isPresent();
            case IDS -> d.vendorId() == vendorId && d.deviceId() == deviceId;
        };
    }

    /** True when the chosen device is given as an SR-IOV NIC rather than a hostdev. */
    public boolean asNic() {
        return kind == Kind.VF_OF;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ADDRESS -> address.toString();
            case VF_OF -> "vf:" + address;
            case IDS -> String.format("%04x:%04x", vendorId, deviceId);
        };
    }
}
