// Decodes recorded API answers into the Go types quicktype generated from the OpenAPI document,
// with encoding/json's DisallowUnknownFields: a field the document does not describe fails.
// Reads a manifest (JSON: [{type, label, file | data}]) and prints one line per failure.
// Only the standard library: it builds offline.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
)

type entry struct {
	Type  string  `json:"type"`
	Label string  `json:"label"`
	File  *string `json:"file"`
	Data  *string `json:"data"`
}

// strictDecode decodes one JSON document (whitespace around it allowed, nothing else).
func strictDecode(data []byte, v interface{}) error {
	decoder := json.NewDecoder(bytes.NewReader(data))
	decoder.DisallowUnknownFields()
	if err := decoder.Decode(v); err != nil {
		return err
	}
	if err := decoder.Decode(&struct{}{}); !errors.Is(err, io.EOF) {
		return fmt.Errorf("data after the JSON value")
	}
	return nil
}

func main() {
	manifest, readErr := os.ReadFile(os.Args[1])
	if readErr != nil {
		fmt.Println("manifest:", readErr)
		os.Exit(2)
	}
	var entries []entry
	if err := json.Unmarshal(manifest, &entries); err != nil {
		fmt.Println("manifest:", err)
		os.Exit(2)
	}
	failed := 0
	for _, e := range entries {
		decode, known := decoders[e.Type]
		var data []byte
		var err error
		switch {
		case !known:
			err = fmt.Errorf("no decoder for type %s", e.Type)
		case e.File != nil:
			data, err = os.ReadFile(*e.File)
		default:
			data = []byte(*e.Data)
		}
		if err == nil {
			err = decode(data)
		}
		if err != nil {
			failed++
			fmt.Printf("FAIL\t%s\t%s\t%v\n", e.Type, e.Label, err)
		} else {
			fmt.Printf("OK\t%s\t%s\n", e.Type, e.Label)
		}
	}
	fmt.Printf("DONE\t%d\t%d\n", len(entries), failed)
}
