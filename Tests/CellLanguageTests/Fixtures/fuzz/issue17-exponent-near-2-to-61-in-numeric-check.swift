let x: Scalar
let y: Scalar
#expect(x^(2305843009213693951 * (step(y) + step(-y))) == 2 * x)
