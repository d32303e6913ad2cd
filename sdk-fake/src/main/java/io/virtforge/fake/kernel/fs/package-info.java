/**
 * The fake kernel's file tree: directories, files and symbolic links in memory, each file an attribute that
 * reads and writes as the kernel's do (plain text, a choice shown as {@code [selected]}, or computed), and the
 * kernel's refusals as {@link io.virtforge.fake.kernel.fs.KernelError} with an errno. It knows nothing of PCI or
 * memory: the models of {@link io.virtforge.fake.kernel} install their files here. Public only so that those
 * models can use it from their package; code outside the fake reads the tree through
 * {@link io.virtforge.fake.kernel.FakeSysfs}.
 */
package io.virtforge.fake.kernel.fs;
