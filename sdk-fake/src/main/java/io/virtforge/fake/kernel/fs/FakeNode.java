package io.virtforge.fake.kernel.fs;

/** An entry of the fake tree: a {@link FakeDirectory}, a {@link FakeFile} or a {@link FakeSymlink}. */
public sealed interface FakeNode permits FakeDirectory, FakeFile, FakeSymlink {
}
