let x: Scalar
let y: Scalar
#expect(x^(2305843009213693951*sign(y)^2) == 2 * x^(2305843009213693951*sign(y)^2))
