package io.virtforge.fake.kernel.fs;

/** A symbolic link of the fake tree; the target is kept as written, usually relative. */
public record FakeSymlink(String target) implements FakeNode {
}
