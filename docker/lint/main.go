// Command nebula-compose-lint loads Compose files the way `docker compose config` does, with the
// same loader (compose-spec/compose-go): the Compose JSON schema, interpolation of ${VARS},
// merging of override files, profiles and the consistency checks (unknown services in
// depends_on, undeclared volumes and networks). It needs no Docker engine and pulls no image.
//
//	nebula-compose-lint [-env-file FILE] [-profile NAME]... [-format json|yaml|summary] FILE...
//
// Exit 0 and the resolved model (or a one-line summary) on stdout; exit 1 and the loader's
// error on stderr. Only the env file (and -os-env) feed interpolation, so a run is repeatable.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/compose-spec/compose-go/v2/cli"
)

type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

func main() {
	var envFiles, profiles stringList
	flag.Var(&envFiles, "env-file", "an env file for ${VAR} interpolation (repeatable)")
	flag.Var(&profiles, "profile", "a profile to enable (repeatable)")
	format := flag.String("format", "summary", "output: summary, json or yaml")
	osEnv := flag.Bool("os-env", false, "also interpolate from this process's environment")
	name := flag.String("project-name", "nebula", "the Compose project name")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: nebula-compose-lint [-env-file FILE] [-profile NAME]... [-format summary|json|yaml] FILE...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(flag.Args(), envFiles, profiles, *format, *osEnv, *name); err != nil {
		fmt.Fprintln(os.Stderr, "nebula-compose-lint:", err)
		os.Exit(1)
	}
}

func run(files, envFiles, profiles []string, format string, osEnv bool, name string) error {
	workDir, err := filepath.Abs(filepath.Dir(files[0]))
	if err != nil {
		return err
	}
	opts := []cli.ProjectOptionsFn{
		cli.WithName(name),
		cli.WithWorkingDirectory(workDir),
		cli.WithEnvFiles(envFiles...),
		cli.WithDotEnv,
		cli.WithProfiles(profiles),
	}
	if osEnv {
		opts = append(opts, cli.WithOsEnv)
	}
	options, err := cli.NewProjectOptions(files, opts...)
	if err != nil {
		return err
	}
	project, err := options.LoadProject(context.Background())
	if err != nil {
		return err
	}
	switch format {
	case "json":
		b, err := project.MarshalJSON()
		if err != nil {
			return err
		}
		fmt.Println(string(b))
	case "yaml":
		b, err := project.MarshalYAML()
		if err != nil {
			return err
		}
		fmt.Print(string(b))
	case "summary":
		names := project.ServiceNames()
		sort.Strings(names)
		fmt.Printf("ok: %s, %d services: %s\n", strings.Join(files, " + "), len(names), strings.Join(names, " "))
	default:
		return fmt.Errorf("unknown -format %q", format)
	}
	return nil
}
