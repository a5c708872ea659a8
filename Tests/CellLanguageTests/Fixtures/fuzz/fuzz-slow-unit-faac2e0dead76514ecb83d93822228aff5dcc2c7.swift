derivation(of: 'gerivative(of: z, wrt b2)
#edienon(of: 'ct(derivn