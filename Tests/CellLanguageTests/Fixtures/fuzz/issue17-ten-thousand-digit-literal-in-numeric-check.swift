let x: Scalar
#expect(x^6*1e10000 == (x*1e1666)^6)
