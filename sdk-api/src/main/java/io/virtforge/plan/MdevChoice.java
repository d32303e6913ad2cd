package io.virtforge.plan;

import java.util.Objects;
import java.util.UUID;

/**
 * The mediated device a {@link Placement} gives for an {@link MdevRequest}: a free instance that exists, or
 * one to create (with {@code io.virtforge.host.mdev.MdevManager} or libvirt) on a parent with an instance
 * available, under a UUID no instance of the host has.
 *
 * @param type      the type id
 * @param parent    the parent's device name
 * @param uuid      the instance's UUID (for one to create: the UUID to create it with)
 * @param create    true when the instance does not exist yet
 * @param deviceApi the type's device API, the {@code model} of the domain's hostdev ({@code vfio-pci}...)
 */
public record MdevChoice(String type, String parent, UUID uuid, boolean create, String deviceApi) {
    /** Checks the parts. */
    public MdevChoice {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(deviceApi, "deviceApi");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(uuid, "uuid");
    }
}
