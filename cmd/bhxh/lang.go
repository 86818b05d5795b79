package main

// The language a run speaks to people in is its --lang (vi, the default,
// or en): errors and warnings on standard error, and the words of its
// reports. It travels with the command, never in a package variable, so
// runs in one process (the tests) each keep their own. JSON stays English.

import (
	"github.com/spf13/cobra"

	"github.com/bhxh/bhxh/msg"
)

// langValue is a --lang flag that accepts only vi and en.
type langValue struct{ lang *string }

func (v langValue) String() string { return *v.lang }
func (v langValue) Type() string   { return "string" }
func (v langValue) Set(s string) error {
	l, ok := msg.Parse(s)
	if !ok {
		return msg.Errorf("want vi or en", "cần vi hoặc en")
	}
	*v.lang = string(l)
	return nil
}

// bindLang gives cmd the --lang flag every command has: messages in
// Vietnamese or English. Commands whose reports have words too bind their
// own --lang (checkLang), which takes this one's place.
func bindLang(cmd *cobra.Command) {
	lang := string(msg.VI)
	cmd.PersistentFlags().Var(langValue{&lang}, "lang", "language of messages and reports: vi or en")
}

// langOf is the language of cmd's run: its --lang, Vietnamese when none
// was given or it does not read.
func langOf(cmd *cobra.Command) msg.Lang {
	if cmd == nil {
		return msg.VI
	}
	f := cmd.Flags().Lookup("lang")
	if f == nil {
		f = cmd.InheritedFlags().Lookup("lang")
	}
	if f == nil {
		return msg.VI
	}
	l, _ := msg.Parse(f.Value.String())
	return l
}
