module virtforge.io/gopeer

go 1.19

require libvirt.org/libvirt-go-xml v7.4.0+incompatible

replace libvirt.org/libvirt-go-xml => ./build/libvirt-go-xml-7.4.0
