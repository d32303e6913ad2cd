package io.virtforge.plan;

import java.util.Objects;

/**
 * A mediated device a domain asks for: one instance of a type (a vGPU profile such as {@code nvidia-63}),
 * taken from the free instances that exist or created on a parent that has one available.
 *
 * @param type the mdev type id
 */
public record MdevRequest(String type) {
    /** Checks the type. */
    public MdevRequest {
        Objects.requireNonNull(type, "type");
        if (type.isBlank()) {
            throw new IllegalArgumentException("an mdev type id cannot be blank");
        }
    }

    /** An instance of {@code type}. */
    public static MdevRequest of(String type) {
        return new MdevRequest(type);
    }

    @Override
    public String toString() {
        return "mdev:" + type;
    }
}
