// Tests spawn children with the same clean attributes as the product.
@_exported import ProcessSupport
