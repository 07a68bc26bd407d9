-- expect: (error object is a nil value)
-- error() without a value.
error()
