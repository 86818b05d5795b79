package main

import (
	"bytes"
	"debug/elf"
	"debug/macho"
	"debug/pe"
	"fmt"
)

// checkBinary checks that bin is an executable for t by its headers: for
// Windows a PE console program (PE32+ for amd64, PE32 for 386) for the
// right machine, for Linux an ELF executable, for macOS a Mach-O one.
func checkBinary(bin []byte, t target) error {
	r := bytes.NewReader(bin)
	switch t.goos {
	case "windows":
		f, err := pe.NewFile(r)
		if err != nil {
			return fmt.Errorf("not a PE file: %w", err)
		}
		defer f.Close()
		machine, subsystem := uint16(0), uint16(0)
		switch oh := f.OptionalHeader.(type) {
		case *pe.OptionalHeader64:
			if t.goarch != "amd64" {
				return fmt.Errorf("PE32+ for %s", t.goarch)
			}
			machine, subsystem = pe.IMAGE_FILE_MACHINE_AMD64, oh.Subsystem
		case *pe.OptionalHeader32:
			if t.goarch != "386" {
				return fmt.Errorf("PE32 (not PE32+) for %s", t.goarch)
			}
			machine, subsystem = pe.IMAGE_FILE_MACHINE_I386, oh.Subsystem
		default:
			return fmt.Errorf("PE without an optional header")
		}
		if f.Machine != machine {
			return fmt.Errorf("PE machine %#x, want %#x", f.Machine, machine)
		}
		if subsystem != pe.IMAGE_SUBSYSTEM_WINDOWS_CUI {
			return fmt.Errorf("PE subsystem %d, want a console program", subsystem)
		}
	case "linux":
		f, err := elf.NewFile(r)
		if err != nil {
			return fmt.Errorf("not an ELF file: %w", err)
		}
		defer f.Close()
		want := map[string]elf.Machine{"amd64": elf.EM_X86_64, "arm64": elf.EM_AARCH64}[t.goarch]
		if f.Type != elf.ET_EXEC || f.Machine != want {
			return fmt.Errorf("ELF %v %v, want an executable for %v", f.Type, f.Machine, want)
		}
	case "darwin":
		f, err := macho.NewFile(r)
		if err != nil {
			return fmt.Errorf("not a Mach-O file: %w", err)
		}
		defer f.Close()
		want := map[string]macho.Cpu{"amd64": macho.CpuAmd64, "arm64": macho.CpuArm64}[t.goarch]
		if f.Type != macho.TypeExec || f.Cpu != want {
			return fmt.Errorf("Mach-O %v %v, want an executable for %v", f.Type, f.Cpu, want)
		}
	default:
		return fmt.Errorf("no check for %s", t.goos)
	}
	return nil
}
