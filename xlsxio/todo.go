package xlsxio

import "errors"

// errTODO marks the parts of the package still being written.
var errTODO = errors.New("not implemented yet")
