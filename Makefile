# Build and install the quotecheck binary. `make install PREFIX=DIR` puts it in DIR/bin.
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin

.PHONY: build install uninstall test
build:
	swift build -c release --static-swift-stdlib --product quotecheck

install: build
	install -d "$(DESTDIR)$(BINDIR)"
	install -m 755 .build/release/quotecheck "$(DESTDIR)$(BINDIR)/quotecheck"

uninstall:
	rm -f "$(DESTDIR)$(BINDIR)/quotecheck"

test:
	swift test
