package xlsxio

// ReadFile reads the table of a workbook (.xlsx, .xls) or CSV file.
func ReadFile(path string, opt Options) (*Table, error) { return nil, errTODO }

// ParseColumnsFile reads a --columns file of 'Header text=key' lines.
func ParseColumnsFile(path string) (map[string]string, error) { return nil, errTODO }

// ParseColOverride parses one --col 'Header text=key'.
func ParseColOverride(s string) (header, key string, err error) { return "", "", errTODO }
