package report

// errBusy is the error a refused rename carries in TestWriteFileAtomicInUse.
const errBusy = errorSharingViolation
